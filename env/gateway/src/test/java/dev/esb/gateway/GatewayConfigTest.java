package dev.esb.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    @Test
    void appliesTheLayoutsDefaults() throws Exception {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of());

        assertThat(config.httpsPort()).as("port").isEqualTo(443);
        assertThat(config.bridgeGatewayIp().getHostAddress()).as("bridge IP").isEqualTo("10.88.0.1");
        assertThat(config.victoriaLogsUrl()).as("VictoriaLogs").contains(URI.create("http://10.88.0.1:9428"));
        assertThat(config.controlAddress().getAddress().isLoopbackAddress()).as("control on loopback").isTrue();
        assertThat(config.controlAddress().getPort()).as("control port").isEqualTo(8405);
    }

    @Test
    void treatsEmptyUrlsAsDisabled() throws Exception {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("VICTORIALOGS_URL", "", "AGENT_URL", ""));

        assertThat(config.victoriaLogsUrl()).as("VictoriaLogs").isEqualTo(Optional.empty());
        assertThat(config.agentUrl()).as("agent").isEqualTo(Optional.empty());
    }

    @Test
    void reportsEveryInvalidVariableInTheExpectedForm() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> GatewayConfig.fromEnvironment(Map.of(
                "GATEWAY_PORT", "44x3",
                "CNI_GW_IP", "10.88.0.300",
                "GATEWAY_CONTROL_ADDR", "0.0.0.0:8405",
                "VICTORIALOGS_URL", "ftp://logs",
                "GATEWAY_QUEUE_SIZE", "-1")));

        assertThat(error.problems()).as("problems").containsExactly(
                "GATEWAY_PORT: '44x3' (expected: a port 0-65535)",
                "CNI_GW_IP: '10.88.0.300' (expected: an IPv4 address)",
                "GATEWAY_CONTROL_ADDR: '0.0.0.0:8405' (expected: a loopback host:port, e.g. 127.0.0.1:8405)",
                "VICTORIALOGS_URL: 'ftp://logs' (expected: an http:// URL or empty to disable shipping)",
                "GATEWAY_QUEUE_SIZE: '-1' (expected: an integer 0-100000)");
    }
}
