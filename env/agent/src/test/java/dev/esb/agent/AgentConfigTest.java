package dev.esb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void defaultsToTheNodesLayout() {
        AgentConfig config = AgentConfig.fromEnvironment(name -> null);

        assertThat(config.controlAddress().getPort()).as("control port").isEqualTo(8406);
        assertThat(config.gatewayUrl()).as("gateway").hasToString("http://127.0.0.1:8405");
        assertThat(config.nodePid()).as("node pid").isEqualTo("1");
        assertThat(config.workerEnv()).as("worker env")
                .containsEntry("AWS_ENDPOINT_URL_S3", "http://10.88.0.1:9000")
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://10.88.0.1:8001")
                .containsEntry("GATEWAY_INTERNAL_URL", "https://10.88.0.1:443")
                .containsEntry("VICTORIALOGS_URL", "http://10.88.0.1:9428")
                .containsEntry("AWS_REGION", "us-east-1");
    }

    @Test
    void derivesWorkerEndpointsFromTheBridgeGateway() {
        AgentConfig config = AgentConfig.fromEnvironment(Map.of("CNI_GW_IP", "10.99.0.1")::get);

        assertThat(config.workerEnv()).as("worker env")
                .containsEntry("AWS_ENDPOINT_URL_S3", "http://10.99.0.1:9000")
                .containsEntry("GATEWAY_INTERNAL_URL", "https://10.99.0.1:443");
    }

    @Test
    void letsAnEmptyCaBundleMeanNone() {
        AgentConfig config = AgentConfig.fromEnvironment(Map.of("AGENT_CA_BUNDLE", "")::get);

        assertThat(config.caBundle()).as("CA bundle").isEmpty();
    }

    @Test
    void reportsEveryInvalidSettingAtOnce() {
        Map<String, String> env = Map.of(
                "AGENT_CONTROL_ADDR", "0.0.0.0:8406",
                "AGENT_NODE_PID", "init",
                "AGENT_READY_TIMEOUT_SECONDS", "0",
                "CNI_GW_IP", "10.88.0.256",
                "AGENT_GATEWAY_URL", "ftp://x");

        assertThatThrownBy(() -> AgentConfig.fromEnvironment(env::get))
                .as("invalid settings")
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).as("problems")
                        .containsExactlyInAnyOrder(
                                "AGENT_CONTROL_ADDR: '0.0.0.0:8406' (expected: a loopback host:port, e.g. "
                                        + "127.0.0.1:8406)",
                                "AGENT_GATEWAY_URL: 'ftp://x' (expected: an http(s) URL with a host)",
                                "AGENT_NODE_PID: 'init' (expected: a process id or 'self')",
                                "AGENT_READY_TIMEOUT_SECONDS: '0' (expected: an integer 1-600)",
                                "CNI_GW_IP: '10.88.0.256' (expected: an IPv4 address)"));
    }
}
