package dev.esb.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.esb.agent.node.CommandResult;

class PluginConfigsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void givesEachPluginTheListsNameAndVersionAndThePreviousResult() throws Exception {
        ObjectNode conflist = (ObjectNode) json.readTree("{\"cniVersion\":\"1.0.0\",\"name\":\"esb\",\"plugins\":"
                + "[{\"type\":\"bridge\",\"bridge\":\"cni0\"}]}");
        JsonNode previous = json.readTree("{\"ips\":[]}");

        ObjectNode config = PluginConfigs.pluginConfig(conflist, conflist.path("plugins").get(0), previous);

        assertThat(config.path("type").asText()).as("type").isEqualTo("bridge");
        assertThat(config.path("bridge").asText()).as("bridge").isEqualTo("cni0");
        assertThat(config.path("cniVersion").asText()).as("version").isEqualTo("1.0.0");
        assertThat(config.path("name").asText()).as("name").isEqualTo("esb");
        assertThat(config.path("prevResult")).as("prevResult").isEqualTo(previous);
        assertThat(conflist.path("plugins").get(0).has("name")).as("conflist left unchanged").isFalse();
    }

    @Test
    void readsTheFirstIpv4AddressOfAResult() throws Exception {
        JsonNode result = json.readTree("{\"ips\":[{\"address\":\"fd00::2/64\"},"
                + "{\"address\":\"10.88.0.7/16\",\"gateway\":\"10.88.0.1\"}]}");

        assertThat(PluginConfigs.ipv4Address(result)).as("address").isEqualTo("10.88.0.7");
    }

    @Test
    void namesAResultWithoutIpv4() throws Exception {
        JsonNode result = json.readTree("{\"ips\":[]}");

        assertThatThrownBy(() -> PluginConfigs.ipv4Address(result))
                .as("no address")
                .hasMessage("CNI result: '{\"ips\":[]}' (expected: an IPv4 address in \"ips\")");
    }

    @Test
    void readsTheMessageOfACniError() {
        CommandResult failed = new CommandResult(1, "{\"code\":11,\"msg\":\"failed to allocate\",\"details\":"
                + "\"range full\"}", "");

        assertThat(PluginConfigs.errorMessage(json, failed)).as("error").isEqualTo("failed to allocate (range full)");
    }

    @Test
    void fallsBackToRawOutputForOtherErrors() {
        CommandResult failed = new CommandResult(1, "", "exec format error");

        assertThat(PluginConfigs.errorMessage(json, failed)).as("error").isEqualTo("exec format error");
    }
}
