package dev.esb.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The agent's settings, from its environment. Every invalid value is reported at once, as
 * {@code NAME: 'value' (expected: ...)}, before anything starts.
 *
 * @param controlAddress   loopback address of the agent's HTTP API ({@code AGENT_CONTROL_ADDR})
 * @param gatewayUrl       the gateway's control API ({@code AGENT_GATEWAY_URL})
 * @param nodePid          the node process whose mount namespace commands enter, or {@code self}
 * @param imageDir         agent-side folder of {@code docker save} tarballs to import
 * @param namespace        containerd namespace of the worker tasks
 * @param caBundle         agent-side path of the gateway's CA certificate, empty for none
 * @param stateDir         node-side folder for task logs and the CA copy that tasks mount
 * @param conflist         node-side path of the CNI conflist
 * @param cniPath          node-side CNI plugin folders, colon-separated
 * @param workerEnv        the environment every task starts with (endpoints, region, credentials)
 * @param readySeconds     longest a new task may take to accept connections on its invoke port
 * @param logLines         lines of output kept per task
 */
public record AgentConfig(InetSocketAddress controlAddress, URI gatewayUrl, String nodePid, String imageDir,
        String namespace, String caBundle, String stateDir, String conflist, String cniPath,
        Map<String, String> workerEnv, int readySeconds, int logLines) {

    /** The port the emulator serves the Invoke API on inside every worker. */
    public static final int WORKER_INVOKE_PORT = 8080;

    /** Where tasks find the gateway's CA, the value of their {@code AWS_CA_BUNDLE}. */
    public static final String TASK_CA_PATH = "/etc/esb/ca.pem";

    public static AgentConfig fromEnvironment(Function<String, String> environment) {
        Reader reader = new Reader(environment);

        InetSocketAddress control = reader.loopback("AGENT_CONTROL_ADDR", "127.0.0.1:8406");
        URI gateway = reader.url("AGENT_GATEWAY_URL", "http://127.0.0.1:8405");
        String nodePid = reader.matching("AGENT_NODE_PID", "1", "[1-9][0-9]*|self", "a process id or 'self'");
        String imageDir = reader.path("AGENT_IMAGE_DIR", "/var/lib/esb-agent/images");
        String namespace = reader.matching("AGENT_NAMESPACE", "esb", "[A-Za-z0-9][A-Za-z0-9._-]{0,75}",
                "a containerd namespace name");
        String caBundle = reader.optionalPath("AGENT_CA_BUNDLE", "/var/lib/esb/certs/ca.pem");
        String stateDir = reader.path("AGENT_STATE_DIR", "/var/lib/esb-agent");
        String conflist = reader.path("AGENT_CNI_CONFLIST", "/etc/cni/net.d/10-esb.conflist");
        String cniPath = reader.matching("AGENT_CNI_PATH", "/opt/cni/bin:/usr/lib/cni", "(/[^:]*)(:/[^:]*)*",
                "absolute folders separated by ':'");
        int ready = reader.integer("AGENT_READY_TIMEOUT_SECONDS", 30, 1, 600);
        int logLines = reader.integer("AGENT_LOG_LINES", 2000, 10, 1_000_000);

        String gatewayIp = reader.ipv4("CNI_GW_IP", "10.88.0.1");
        Map<String, String> workerEnv = Map.of(
                "AWS_REGION", reader.matching("AGENT_REGION", "us-east-1", "[a-z]{2}(-[a-z]+)+-[0-9]+",
                        "an AWS region name"),
                "AWS_ACCESS_KEY_ID", reader.text("AGENT_WORKER_ACCESS_KEY_ID", "esb-test-access"),
                "AWS_SECRET_ACCESS_KEY", reader.text("AGENT_WORKER_SECRET_ACCESS_KEY", "esb-test-secret"),
                "AWS_ENDPOINT_URL_S3", reader.url("AGENT_S3_ENDPOINT", "http://" + gatewayIp + ":9000").toString(),
                "AWS_ENDPOINT_URL_DYNAMODB",
                reader.url("AGENT_DYNAMODB_ENDPOINT", "http://" + gatewayIp + ":8001").toString(),
                "GATEWAY_INTERNAL_URL", reader.url("GATEWAY_INTERNAL_URL", "https://" + gatewayIp + ":443").toString(),
                "VICTORIALOGS_URL", reader.url("VICTORIALOGS_URL", "http://" + gatewayIp + ":9428").toString());

        reader.failIfInvalid();
        return new AgentConfig(control, gateway, nodePid, imageDir, namespace, caBundle, stateDir, conflist, cniPath,
                workerEnv, ready, logLines);
    }

    /** Reads and checks one variable at a time, collecting the problems. */
    private static final class Reader {

        private final Function<String, String> environment;
        private final List<String> problems = new ArrayList<>();

        Reader(Function<String, String> environment) {
            this.environment = environment;
        }

        String text(String name, String fallback) {
            String value = environment.apply(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        String matching(String name, String fallback, String pattern, String expected) {
            String value = text(name, fallback);
            if (!value.matches(pattern)) {
                problems.add(name + ": '" + value + "' (expected: " + expected + ")");
            }
            return value;
        }

        String path(String name, String fallback) {
            return matching(name, fallback, "/.*", "an absolute path");
        }

        String optionalPath(String name, String fallback) {
            String value = environment.apply(name);
            if (value != null && value.isBlank()) {
                return "";
            }
            return path(name, fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name, Integer.toString(fallback));
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            problems.add(name + ": '" + value + "' (expected: an integer " + min + "-" + max + ")");
            return fallback;
        }

        URI url(String name, String fallback) {
            String value = text(name, fallback);
            try {
                URI uri = URI.create(value);
                if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // Reported below.
            }
            problems.add(name + ": '" + value + "' (expected: an http(s) URL with a host)");
            return URI.create(fallback);
        }

        /** An IPv4 address; when invalid, the fallback, so that values derived from it report no second error. */
        String ipv4(String name, String fallback) {
            int before = problems.size();
            String value = matching(name, fallback,
                    "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)", "an IPv4 address");
            return problems.size() > before ? fallback : value;
        }

        InetSocketAddress loopback(String name, String fallback) {
            String value = text(name, fallback);
            int colon = value.lastIndexOf(':');
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                InetAddress host = InetAddress.getByName(value.substring(0, colon));
                if (colon > 0 && port > 0 && port < 65536 && host.isLoopbackAddress()) {
                    return new InetSocketAddress(host, port);
                }
            } catch (NumberFormatException | UnknownHostException | StringIndexOutOfBoundsException e) {
                // Reported below.
            }
            problems.add(name + ": '" + value + "' (expected: a loopback host:port, e.g. 127.0.0.1:8406)");
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 8406);
        }

        void failIfInvalid() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
