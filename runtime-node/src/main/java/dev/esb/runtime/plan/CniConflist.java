package dev.esb.runtime.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.esb.runtime.config.NodeConfig;

/**
 * Renders the CNI network list for the worker bridge: the {@code bridge} plugin on {@code cni0} with the
 * gateway address, and {@code host-local} IPAM over the /16 with a default route through the gateway.
 */
public final class CniConflist {
    /** The CNI network name workers are attached to. */
    public static final String NETWORK_NAME = "esb";

    private static final String CNI_VERSION = "1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CniConflist() {
    }

    /** The conflist as pretty-printed JSON, ending with a newline. */
    public static String render(NodeConfig config) {
        ObjectNode range = JSON.createObjectNode()
                .put("subnet", config.subnet())
                .put("gateway", config.gatewayIp().toString());
        ArrayNode ranges = JSON.createArrayNode().add(JSON.createArrayNode().add(range));
        ArrayNode routes = JSON.createArrayNode().add(JSON.createObjectNode().put("dst", "0.0.0.0/0"));

        ObjectNode ipam = JSON.createObjectNode().put("type", "host-local");
        ipam.set("ranges", ranges);
        ipam.set("routes", routes);

        // isGateway puts the gateway address on the bridge; the bridge already has it when apply ran,
        // and the plugin accepts an existing bridge that carries exactly this address.
        ObjectNode bridge = JSON.createObjectNode()
                .put("type", "bridge")
                .put("bridge", Bridge.NAME)
                .put("isGateway", true)
                .put("ipMasq", config.ipMasq());
        bridge.set("ipam", ipam);

        ObjectNode conflist = JSON.createObjectNode()
                .put("cniVersion", CNI_VERSION)
                .put("name", NETWORK_NAME);
        conflist.set("plugins", JSON.createArrayNode().add(bridge));
        return pretty(conflist) + "\n";
    }

    private static String pretty(ObjectNode node) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            return JSON.writer(printer).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain nodes always serializes", e);
        }
    }
}
