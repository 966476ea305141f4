package dev.esb.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything the gateway reads from its environment, validated as a whole.
 *
 * @param httpsPort the port of the HTTPS Invoke API ({@code GATEWAY_PORT})
 * @param bindAddress the address the HTTPS listener binds ({@code GATEWAY_BIND_ADDR})
 * @param bridgeGatewayIp the CNI bridge gateway address written into the certificate ({@code CNI_GW_IP})
 * @param certificateNames extra DNS names for the certificate ({@code GATEWAY_CERT_NAMES})
 * @param certificateDir where ca.pem, server.pem and server-key.pem live ({@code GATEWAY_CERT_DIR})
 * @param controlAddress the loopback address of the control listener ({@code GATEWAY_CONTROL_ADDR})
 * @param agentUrl the agent's base URL for log tails, empty when there is none ({@code AGENT_URL})
 * @param victoriaLogsUrl where access logs go, empty to ship none ({@code VICTORIALOGS_URL})
 * @param region the region written into function ARNs ({@code GATEWAY_REGION})
 * @param accountId the account written into function ARNs ({@code GATEWAY_ACCOUNT_ID})
 * @param queueSize how many synchronous invocations may wait per function ({@code GATEWAY_QUEUE_SIZE})
 * @param eventQueueSize how many Event invocations may wait per function ({@code GATEWAY_EVENT_QUEUE_SIZE})
 * @param logBatchSize the most lines in one shipment ({@code GATEWAY_LOG_BATCH_SIZE})
 * @param logFlushInterval the longest a line waits before shipping ({@code GATEWAY_LOG_FLUSH_MILLIS})
 * @param logBufferSize the most lines held while VictoriaLogs is slow or down ({@code GATEWAY_LOG_BUFFER_SIZE})
 * @param tailTimeout how long to wait for the agent's log lines ({@code GATEWAY_TAIL_TIMEOUT_MILLIS})
 */
public record GatewayConfig(
        int httpsPort,
        InetAddress bindAddress,
        InetAddress bridgeGatewayIp,
        List<String> certificateNames,
        Path certificateDir,
        InetSocketAddress controlAddress,
        Optional<URI> agentUrl,
        Optional<URI> victoriaLogsUrl,
        String region,
        String accountId,
        int queueSize,
        int eventQueueSize,
        int logBatchSize,
        Duration logFlushInterval,
        int logBufferSize,
        Duration tailTimeout) {

    /** The bridge gateway address of the layout; one place for it. */
    public static final String DEFAULT_BRIDGE_GATEWAY_IP = "10.88.0.1";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9-]{1,63})*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /** A copy with other ports, for tests and tools that bind ephemeral ports. */
    public GatewayConfig withPorts(int httpsPort, InetSocketAddress controlAddress) {
        return new GatewayConfig(httpsPort, bindAddress, bridgeGatewayIp, certificateNames, certificateDir,
                controlAddress, agentUrl, victoriaLogsUrl, region, accountId, queueSize, eventQueueSize,
                logBatchSize, logFlushInterval, logBufferSize, tailTimeout);
    }

    /**
     * Reads and validates the configuration.
     *
     * @param env the environment, usually {@link System#getenv()}
     * @throws ConfigException listing every invalid variable
     */
    public static GatewayConfig fromEnvironment(Map<String, String> env) throws ConfigException {
        Reader reader = new Reader(env);
        Integer httpsPort = reader.read("GATEWAY_PORT", "443", "a port 0-65535", v -> port(v, 0));
        InetAddress bind = reader.read("GATEWAY_BIND_ADDR", "0.0.0.0", "an IPv4 address", GatewayConfig::ipv4);
        InetAddress bridgeIp = reader.read("CNI_GW_IP", DEFAULT_BRIDGE_GATEWAY_IP, "an IPv4 address",
                GatewayConfig::ipv4);
        List<String> names = reader.read("GATEWAY_CERT_NAMES", "gateway",
                "comma-separated DNS names", GatewayConfig::dnsNames);
        Path certDir = reader.read("GATEWAY_CERT_DIR", "/var/lib/esb-gateway/certs", "a directory path",
                v -> v.isBlank() ? null : Path.of(v));
        InetSocketAddress control = reader.read("GATEWAY_CONTROL_ADDR", "127.0.0.1:8405",
                "a loopback host:port, e.g. 127.0.0.1:8405", GatewayConfig::loopbackAddress);
        Optional<URI> agent = reader.read("AGENT_URL", "http://127.0.0.1:8406",
                "an http:// URL or empty to disable log tails", GatewayConfig::optionalHttpUrl);
        Optional<URI> logs = reader.read("VICTORIALOGS_URL", "http://" + DEFAULT_BRIDGE_GATEWAY_IP + ":9428",
                "an http:// URL or empty to disable shipping", GatewayConfig::optionalHttpUrl);
        String region = reader.read("GATEWAY_REGION", "us-east-1", "an AWS region name such as us-east-1",
                v -> REGION.matcher(v).matches() ? v : null);
        String account = reader.read("GATEWAY_ACCOUNT_ID", "000000000000", "12 digits",
                v -> ACCOUNT.matcher(v).matches() ? v : null);
        Integer queueSize = reader.read("GATEWAY_QUEUE_SIZE", "64", "an integer 0-100000", v -> range(v, 0, 100_000));
        Integer eventQueue = reader.read("GATEWAY_EVENT_QUEUE_SIZE", "1000", "an integer 1-1000000",
                v -> range(v, 1, 1_000_000));
        Integer batch = reader.read("GATEWAY_LOG_BATCH_SIZE", "500", "an integer 1-10000", v -> range(v, 1, 10_000));
        Integer flushMillis = reader.read("GATEWAY_LOG_FLUSH_MILLIS", "1000", "milliseconds 10-60000",
                v -> range(v, 10, 60_000));
        Integer buffer = reader.read("GATEWAY_LOG_BUFFER_SIZE", "10000", "an integer 1-1000000",
                v -> range(v, 1, 1_000_000));
        Integer tailMillis = reader.read("GATEWAY_TAIL_TIMEOUT_MILLIS", "1000", "milliseconds 1-30000",
                v -> range(v, 1, 30_000));
        reader.requireNoProblems();

        return new GatewayConfig(httpsPort, bind, bridgeIp, names, certDir, control, agent, logs, region, account,
                queueSize, eventQueue, batch, Duration.ofMillis(flushMillis), buffer, Duration.ofMillis(tailMillis));
    }

    private static Integer port(String value, int lowest) {
        return range(value, lowest, 65_535);
    }

    private static Integer range(String value, int lowest, int highest) {
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= lowest && parsed <= highest ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static InetAddress ipv4(String value) {
        var matcher = IPV4.matcher(value);
        if (!matcher.matches()) {
            return null;
        }
        for (int group = 1; group <= 4; group++) {
            if (Integer.parseInt(matcher.group(group)) > 255) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static List<String> dnsNames(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!DNS_NAME.matcher(trimmed).matches()) {
                return null;
            }
            names.add(trimmed);
        }
        return List.copyOf(names);
    }

    private static InetSocketAddress loopbackAddress(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        InetAddress host = ipv4(value.substring(0, colon));
        Integer port = port(value.substring(colon + 1), 0);
        if (host == null || port == null || !host.isLoopbackAddress()) {
            return null;
        }
        return new InetSocketAddress(host, port);
    }

    private static Optional<URI> optionalHttpUrl(String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.trim());
            boolean usable = "http".equals(uri.getScheme()) && uri.getHost() != null && uri.getQuery() == null;
            String text = uri.toString();
            return usable ? Optional.of(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text))
                    : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Collects every problem instead of stopping at the first, so one run shows them all. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        <T> T read(String name, String fallback, String expected, Function<String, T> parser) {
            String value = env.getOrDefault(name, fallback);
            T parsed = parser.apply(value);
            if (parsed == null) {
                problems.add(name + ": '" + value + "' (expected: " + expected + ")");
            }
            return parsed;
        }

        void requireNoProblems() throws ConfigException {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
