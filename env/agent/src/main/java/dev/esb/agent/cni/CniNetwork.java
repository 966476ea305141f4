package dev.esb.agent.cni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.esb.agent.node.CommandException;
import dev.esb.agent.node.CommandResult;
import dev.esb.agent.node.NodeShell;

/**
 * The node's CNI network, driven the way libcni drives it: each plugin of the conflist is executed with
 * {@code CNI_COMMAND=ADD} (in order, each receiving the previous result) or {@code DEL} (in reverse order), the
 * network configuration on stdin. The bridge plugin creates the veth pair and joins {@code cni0}; host-local
 * assigns the address and DEL releases it.
 */
public final class CniNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(CniNetwork.class);
    private static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String INTERFACE = "eth0";

    private final NodeShell node;
    private final ObjectMapper json;
    private final String conflistPath;
    private final String pluginPath;

    public CniNetwork(NodeShell node, ObjectMapper json, String conflistPath, String pluginPath) {
        this.node = node;
        this.json = json;
        this.conflistPath = conflistPath;
        this.pluginPath = pluginPath;
    }

    /** Attaches the network namespace {@code netns} (a node path) of container {@code id}; the assignment. */
    public CniAttachment add(String id, String netns) {
        ObjectNode conflist = conflist();
        JsonNode previous = null;
        for (JsonNode plugin : conflist.path("plugins")) {
            ObjectNode config = PluginConfigs.pluginConfig(conflist, plugin, previous);
            previous = invoke("ADD", id, netns, config);
        }
        if (previous == null) {
            throw new IllegalStateException("CNI conflist: '" + conflistPath + "' (expected: at least one plugin)");
        }

        String address = PluginConfigs.ipv4Address(previous);
        LOG.debug("CNI ADD {} in {}: {}", id, netns, address);
        return new CniAttachment(id, address, previous);
    }

    /**
     * Detaches container {@code id}: DEL through the chain in reverse. {@code netns} may be empty once the task is
     * gone; host-local still releases the address, which is keyed by container id.
     */
    public void remove(String id, String netns, JsonNode previousResult) {
        ObjectNode conflist = conflist();
        List<JsonNode> plugins = new ArrayList<>();
        conflist.path("plugins").forEach(plugins::add);
        for (int i = plugins.size() - 1; i >= 0; i--) {
            invoke("DEL", id, netns, PluginConfigs.pluginConfig(conflist, plugins.get(i), previousResult));
        }
    }

    private JsonNode invoke(String command, String id, String netns, ObjectNode config) {
        String type = config.path("type").asText();
        Map<String, String> env = environment(command, id, netns);
        List<String> plugin = List.of(pluginPath.split(":")[0] + "/" + type);

        CommandResult result;
        try {
            result = node.run(plugin, env, json.writeValueAsBytes(config), PLUGIN_TIMEOUT);
        } catch (IOException e) {
            throw new IllegalStateException("CNI config of plugin '" + type + "' cannot be written", e);
        }
        if (!result.succeeded()) {
            throw new CommandException(plugin, "CNI " + command + " of " + id + " failed with exit status "
                    + result.exitCode() + ": " + PluginConfigs.errorMessage(json, result));
        }
        if (!"ADD".equals(command)) {
            return null;
        }

        try {
            return json.readTree(result.stdout());
        } catch (IOException e) {
            throw new CommandException(plugin, "CNI ADD printed no JSON result: " + result.stdout().strip(), e);
        }
    }

    Map<String, String> environment(String command, String id, String netns) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", id);
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", INTERFACE);
        env.put("CNI_PATH", pluginPath);
        return env;
    }

    private ObjectNode conflist() {
        Path path = node.nodePath(conflistPath);
        try {
            JsonNode conflist = json.readTree(Files.readString(path, StandardCharsets.UTF_8));
            if (!conflist.isObject() || !conflist.path("plugins").isArray()) {
                throw new IllegalStateException("CNI conflist: '" + conflistPath
                        + "' (expected: a JSON object with a \"plugins\" array)");
            }
            return (ObjectNode) conflist;
        } catch (IOException e) {
            throw new IllegalStateException("CNI conflist: '" + conflistPath + "' cannot be read (expected: written "
                    + "by runtime-node's entrypoint; is the agent in runtime-node's namespaces?)", e);
        }
    }
}
