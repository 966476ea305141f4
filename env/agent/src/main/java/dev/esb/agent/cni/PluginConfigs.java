package dev.esb.agent.cni;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.esb.agent.node.CommandResult;

/** The pure parts of the CNI protocol: a plugin's stdin from a conflist entry, and reading results and errors. */
final class PluginConfigs {

    private PluginConfigs() {
    }

    /** The plugin's network configuration: its conflist entry plus the list's name and version, and prevResult. */
    static ObjectNode pluginConfig(ObjectNode conflist, JsonNode plugin, JsonNode previousResult) {
        ObjectNode config = plugin.deepCopy();
        config.set("cniVersion", conflist.path("cniVersion"));
        config.set("name", conflist.path("name"));
        if (previousResult != null) {
            config.set("prevResult", previousResult);
        }
        return config;
    }

    /** The first IPv4 address of a result, without its prefix length. */
    static String ipv4Address(JsonNode result) {
        for (JsonNode ip : result.path("ips")) {
            String address = ip.path("address").asText();
            if (address.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                return address.substring(0, address.indexOf('/'));
            }
        }
        throw new IllegalStateException("CNI result: '" + result + "' (expected: an IPv4 address in \"ips\")");
    }

    /** The {@code msg} and {@code details} of a CNI error on stdout, else whatever the plugin printed. */
    static String errorMessage(ObjectMapper json, CommandResult result) {
        try {
            JsonNode error = json.readTree(result.stdout());
            if (error != null && error.has("msg")) {
                String details = error.path("details").asText("");
                return error.path("msg").asText() + (details.isEmpty() ? "" : " (" + details + ")");
            }
        } catch (IOException notJson) {
            // Fall through to the raw output.
        }
        return (result.stdout() + " " + result.stderr()).strip();
    }
}
