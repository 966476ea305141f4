package dev.esb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeVariablesTest {
    @Test
    void defaultsDnatEveryServiceToLocalProxyOnTheGateway() throws ConfigException {
        NodeConfig config = NodeVariables.read(Map.of());

        assertThat(config.gatewayIp()).as("gateway").hasToString("10.88.0.1");
        assertThat(config.subnet()).as("subnet").isEqualTo("10.88.0.0/16");
        assertThat(config.dnats()).as("services in order").extracting(ServiceDnat::service)
                .containsExactly(Service.S3, Service.DB, Service.VL);
        assertThat(config.dnats()).as("targets").extracting(ServiceDnat::targetAddress)
                .containsExactly("127.0.0.1:9000", "127.0.0.1:8001", "127.0.0.1:9428");
        assertThat(config.dnats()).as("matched ports").extracting(ServiceDnat::matchPort)
                .containsExactly(9000, 8001, 9428);
        assertThat(config.dnat(Service.DB).backend()).as("db backend").hasToString("database:8000");
        assertThat(config.applyOutput()).as("output rules by default").isTrue();
        assertThat(config.hardened()).as("hardened by default").isFalse();
        assertThat(config.gatewayInternalUrl()).as("gateway url").hasToString("https://10.88.0.1:443");
        assertThat(config.victoriaLogsUrl()).as("logs url").hasToString("http://10.88.0.1:9428");
    }

    @Test
    void emptyTargetMeansNoRuleWhileUnsetMeansLocalProxy() throws ConfigException {
        NodeConfig config = NodeVariables.read(Map.of("DNAT_S3_IP", ""));

        assertThat(config.dnat(Service.S3).enabled()).as("s3 set to empty").isFalse();
        assertThat(config.dnat(Service.DB).enabled()).as("db unset").isTrue();
        assertThat(config.enabledDnats()).as("enabled").extracting(ServiceDnat::service)
                .containsExactly(Service.DB, Service.VL);
    }

    @Test
    void derivesDefaultUrlsFromTheGatewayAndLogsPort() throws ConfigException {
        NodeConfig config = NodeVariables.read(Map.of("CNI_GW_IP", "10.99.0.1", "DNAT_VL_DPORT", "9500"));

        assertThat(config.gatewayInternalUrl()).as("gateway url").hasToString("https://10.99.0.1:443");
        assertThat(config.victoriaLogsUrl()).as("logs url").hasToString("http://10.99.0.1:9500");
        assertThat(config.bridgeAddress()).as("bridge address").isEqualTo("10.99.0.1/16");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "DNAT_APPLY_OUTPUT|true|true", "DNAT_APPLY_OUTPUT|0|false", "DNAT_APPLY_OUTPUT|NO|false",
        "RUNTIME_NODE_HARDENED|1|true", "RUNTIME_NODE_HARDENED|yes|true", "RUNTIME_NODE_HARDENED|False|false"})
    void acceptsBooleanSpellings(String name, String value, boolean expected) throws ConfigException {
        NodeConfig config = NodeVariables.read(Map.of(name, value));

        boolean actual = name.equals("DNAT_APPLY_OUTPUT") ? config.applyOutput() : config.hardened();
        assertThat(actual).as(name + "=" + value).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "CNI_GW_IP|10.88.0|CNI_GW_IP: '10.88.0' (expected: an IPv4 address such as 10.88.0.1)",
        "CNI_GW_IP|10.88.0.256|CNI_GW_IP: '10.88.0.256' (expected: an IPv4 address such as 10.88.0.1)",
        "CNI_GW_IP|010.88.0.1|CNI_GW_IP: '010.88.0.1' (expected: an IPv4 address such as 10.88.0.1)",
        "CNI_GW_IP|\"\"|CNI_GW_IP: '' (expected: an IPv4 address such as 10.88.0.1)",
        "CNI_GW_IP|127.0.0.1|CNI_GW_IP: '127.0.0.1' (expected: a unicast address outside 127.0.0.0/8, such as 10.88.0.1)",
        "CNI_GW_IP|224.0.0.1|CNI_GW_IP: '224.0.0.1' (expected: a unicast address outside 127.0.0.0/8, such as 10.88.0.1)",
        "CNI_GW_IP|10.88.0.0|CNI_GW_IP: '10.88.0.0' (expected: a host address of its /16, not its network or broadcast address)",
        "CNI_GW_IP|10.88.255.255|CNI_GW_IP: '10.88.255.255' (expected: a host address of its /16, not its network or broadcast address)",
        "DNAT_S3_IP|localhost|DNAT_S3_IP: 'localhost' (expected: an IPv4 address such as 127.0.0.1, or empty for no rule)",
        "DNAT_DB_IP|\" 127.0.0.1\"|DNAT_DB_IP: ' 127.0.0.1' (expected: an IPv4 address such as 127.0.0.1, or empty for no rule)",
        "DNAT_VL_IP|0.0.0.0|DNAT_VL_IP: '0.0.0.0' (expected: a unicast IPv4 address such as 127.0.0.1, or empty for no rule)",
        "DNAT_DB_PORT|80x1|DNAT_DB_PORT: '80x1' (expected: a port 1-65535)",
        "DNAT_DB_PORT|0|DNAT_DB_PORT: '0' (expected: a port 1-65535)",
        "DNAT_DB_PORT|65536|DNAT_DB_PORT: '65536' (expected: a port 1-65535)",
        "DNAT_DB_PORT|\"\"|DNAT_DB_PORT: '' (expected: a port 1-65535)",
        "DNAT_DB_DPORT|-1|DNAT_DB_DPORT: '-1' (expected: a port 1-65535)",
        "DNAT_S3_PORT|+9000|DNAT_S3_PORT: '+9000' (expected: a port 1-65535)",
        "DNAT_S3_DPORT|9000.0|DNAT_S3_DPORT: '9000.0' (expected: a port 1-65535)",
        "DNAT_VL_PORT|http|DNAT_VL_PORT: 'http' (expected: a port 1-65535)",
        "DNAT_VL_DPORT|100000|DNAT_VL_DPORT: '100000' (expected: a port 1-65535)",
        "DNAT_APPLY_OUTPUT|2|DNAT_APPLY_OUTPUT: '2' (expected: 1 or 0)",
        "DNAT_APPLY_OUTPUT|\"\"|DNAT_APPLY_OUTPUT: '' (expected: 1 or 0)",
        "RUNTIME_NODE_HARDENED|on|RUNTIME_NODE_HARDENED: 'on' (expected: 1 or 0)",
        "CNI_IP_MASQ|maybe|CNI_IP_MASQ: 'maybe' (expected: 1 or 0)",
        "GATEWAY_INTERNAL_URL|10.88.0.1:443|GATEWAY_INTERNAL_URL: '10.88.0.1:443' (expected: an http:// or https:// URL such as https://10.88.0.1:443)",
        "GATEWAY_INTERNAL_URL|ftp://10.88.0.1/|GATEWAY_INTERNAL_URL: 'ftp://10.88.0.1/' (expected: an http:// or https:// URL such as https://10.88.0.1:443)",
        "VICTORIALOGS_URL|http://exa mple|VICTORIALOGS_URL: 'http://exa mple' (expected: an http:// or https:// URL such as http://10.88.0.1:9428)",
        "LOCAL_PROXY_DB_BACKEND|database|LOCAL_PROXY_DB_BACKEND: 'database' (expected: host:port such as database:8000)",
        "LOCAL_PROXY_S3_BACKEND|s3-storage:0|LOCAL_PROXY_S3_BACKEND: 's3-storage:0' (expected: host:port such as s3-storage:9000)",
        "LOCAL_PROXY_VL_BACKEND|:9428|LOCAL_PROXY_VL_BACKEND: ':9428' (expected: host:port such as victorialogs:9428)",
        "DNAT_DB_DPORT|9000|DNAT_DB_DPORT: '9000' (expected: a port no other service matches; DNAT_S3_DPORT is also '9000')",
        "DNAT_VL_DPORT|443|DNAT_VL_DPORT: '443' (expected: a port other than 443, which GATEWAY_INTERNAL_URL serves on 10.88.0.1 without DNAT)"})
    void rejectsInvalidVariableNamingItsValueAndWhatWasExpected(String name, String value, String message) {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> NodeVariables.read(Map.of(name, value)));

        assertThat(error).as("error for %s='%s'", name, value).isNotNull();
        assertThat(error.problems()).as("problems for %s='%s'", name, value).containsExactly(message);
    }

    @Test
    void reportsEveryInvalidVariableAtOnce() {
        Map<String, String> variables = new HashMap<>();
        variables.put("CNI_GW_IP", "10.88.0.x");
        variables.put("DNAT_DB_PORT", "80x1");
        variables.put("DNAT_APPLY_OUTPUT", "maybe");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> NodeVariables.read(variables));

        assertThat(error.problems()).as("all problems, in reading order").containsExactly(
                "CNI_GW_IP: '10.88.0.x' (expected: an IPv4 address such as 10.88.0.1)",
                "DNAT_DB_PORT: '80x1' (expected: a port 1-65535)",
                "DNAT_APPLY_OUTPUT: 'maybe' (expected: 1 or 0)");
    }

    @Test
    void allowsSharedMatchPortWhenTheOtherServiceHasNoRule() throws ConfigException {
        NodeConfig config = NodeVariables.read(Map.of("DNAT_S3_IP", "", "DNAT_DB_DPORT", "9000"));

        assertThat(config.dnat(Service.DB).matchPort()).as("db matched port").isEqualTo(9000);
    }

    @Test
    void listsEveryVariableWithItsDefault() {
        assertThat(NodeVariables.defaults()).as("defaults")
                .containsEntry("DNAT_DB_PORT", "8001")
                .containsEntry("DNAT_DB_DPORT", "8001")
                .containsEntry("DNAT_S3_IP", "127.0.0.1")
                .containsEntry("RUNTIME_NODE_HARDENED", "0")
                .containsKeys("CNI_GW_IP", "DNAT_APPLY_OUTPUT", "GATEWAY_INTERNAL_URL", "VICTORIALOGS_URL",
                        "LOCAL_PROXY_DB_BACKEND", "CNI_IP_MASQ", "DNAT_VL_DPORT", "DNAT_S3_PORT");
    }
}
