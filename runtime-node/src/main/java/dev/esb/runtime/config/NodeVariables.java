package dev.esb.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the runtime-node's environment variables into a {@link NodeConfig}, collecting every problem
 * before failing so that one run names all of them.
 *
 * <p>An unset {@code DNAT_*_IP} takes the local-proxy default {@code 127.0.0.1}; set to the empty string it
 * means "write no rule for this service", as in the seed.
 */
public final class NodeVariables {
    /** The bridge gateway address of the layout, the one place it is spelled out. */
    public static final String DEFAULT_GATEWAY_IP = "10.88.0.1";

    /** Where local-proxy listens; the default DNAT target of every service. */
    public static final String LOCAL_PROXY_IP = "127.0.0.1";

    public static final String CNI_GW_IP = "CNI_GW_IP";
    public static final String DNAT_APPLY_OUTPUT = "DNAT_APPLY_OUTPUT";
    public static final String RUNTIME_NODE_HARDENED = "RUNTIME_NODE_HARDENED";
    public static final String CNI_IP_MASQ = "CNI_IP_MASQ";
    public static final String GATEWAY_INTERNAL_URL = "GATEWAY_INTERNAL_URL";
    public static final String VICTORIALOGS_URL = "VICTORIALOGS_URL";

    private static final String PORT_EXPECTED = "a port 1-65535";
    private static final String BOOLEAN_EXPECTED = "1 or 0";
    private static final int GATEWAY_HTTPS_PORT = 443;

    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    private NodeVariables(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Validates the variables of {@code environment} and returns the configuration they describe.
     *
     * @throws ConfigException naming every invalid variable, its value and what was expected
     */
    public static NodeConfig read(Map<String, String> environment) throws ConfigException {
        return new NodeVariables(environment).read();
    }

    /** Every variable this program reads with its default, for help and documentation. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(CNI_GW_IP, DEFAULT_GATEWAY_IP);
        for (Service service : Service.values()) {
            defaults.put(service.ipVariable(), LOCAL_PROXY_IP);
            defaults.put(service.portVariable(), String.valueOf(service.localProxyPort()));
            defaults.put(service.dportVariable(), String.valueOf(service.localProxyPort()));
        }
        defaults.put(DNAT_APPLY_OUTPUT, "1");
        defaults.put(RUNTIME_NODE_HARDENED, "0");
        defaults.put(CNI_IP_MASQ, "1");
        defaults.put(GATEWAY_INTERNAL_URL, "https://${CNI_GW_IP}:443");
        defaults.put(VICTORIALOGS_URL, "http://${CNI_GW_IP}:${DNAT_VL_DPORT}");
        for (Service service : Service.values()) {
            defaults.put(service.backendVariable(), service.defaultBackend());
        }
        return defaults;
    }

    private NodeConfig read() throws ConfigException {
        Optional<Ipv4> gateway = gatewayIp();
        List<ServiceDnat> dnats = new ArrayList<>();
        for (Service service : Service.values()) {
            dnats.add(serviceDnat(service));
        }

        boolean applyOutput = bool(DNAT_APPLY_OUTPUT, true);
        boolean hardened = bool(RUNTIME_NODE_HARDENED, false);
        boolean ipMasq = bool(CNI_IP_MASQ, true);

        String gatewayText = gateway.map(Ipv4::toString).orElse(DEFAULT_GATEWAY_IP);
        String logsPort = String.valueOf(dnats.get(Service.VL.ordinal()).matchPort());
        URI gatewayUrl = url(GATEWAY_INTERNAL_URL, "https://" + gatewayText + ":" + GATEWAY_HTTPS_PORT);
        URI logsUrl = url(VICTORIALOGS_URL, "http://" + gatewayText + ":" + logsPort);

        checkMatchPortsAreDistinct(dnats);
        checkMatchPortsSpareTheGateway(dnats, gatewayText, gatewayUrl);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new NodeConfig(gateway.orElseThrow(), dnats, applyOutput, hardened, ipMasq, gatewayUrl, logsUrl);
    }

    private Optional<Ipv4> gatewayIp() {
        String value = environment.getOrDefault(CNI_GW_IP, DEFAULT_GATEWAY_IP);
        Optional<Ipv4> parsed = Ipv4.parse(value);
        if (parsed.isEmpty()) {
            return reject(CNI_GW_IP, value, "an IPv4 address such as " + DEFAULT_GATEWAY_IP);
        }

        Ipv4 ip = parsed.get();
        if (ip.isLoopback() || ip.isUnusableAsHost()) {
            return reject(CNI_GW_IP, value, "a unicast address outside 127.0.0.0/8, such as " + DEFAULT_GATEWAY_IP);
        }
        if (ip.equals(ip.network16()) || ip.equals(ip.broadcast16())) {
            return reject(CNI_GW_IP, value, "a host address of its /16, not its network or broadcast address");
        }
        return parsed;
    }

    private ServiceDnat serviceDnat(Service service) {
        Optional<Ipv4> target = dnatTarget(service.ipVariable());
        int targetPort = port(service.portVariable(), service.localProxyPort());
        int matchPort = port(service.dportVariable(), service.localProxyPort());
        Backend backend = backend(service.backendVariable(), service.defaultBackend());
        return new ServiceDnat(service, target, targetPort, matchPort, backend);
    }

    private Optional<Ipv4> dnatTarget(String name) {
        String value = environment.getOrDefault(name, LOCAL_PROXY_IP);
        if (value.isEmpty()) {
            return Optional.empty();
        }

        String expected = "an IPv4 address such as " + LOCAL_PROXY_IP + ", or empty for no rule";
        Optional<Ipv4> parsed = Ipv4.parse(value);
        if (parsed.isEmpty()) {
            return reject(name, value, expected);
        }
        if (parsed.get().isUnusableAsHost()) {
            return reject(name, value, "a unicast " + expected.substring(3));
        }
        return parsed;
    }

    private int port(String name, int defaultPort) {
        String value = environment.get(name);
        if (value == null) {
            return defaultPort;
        }
        return parsePort(value).orElseGet(() -> {
            reject(name, value, PORT_EXPECTED);
            return defaultPort;
        });
    }

    private boolean bool(String name, boolean defaultValue) {
        String value = environment.get(name);
        if (value == null) {
            return defaultValue;
        }

        switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> {
                return true;
            }
            case "0", "false", "no" -> {
                return false;
            }
            default -> {
                reject(name, value, BOOLEAN_EXPECTED);
                return defaultValue;
            }
        }
    }

    private URI url(String name, String defaultValue) {
        String value = environment.getOrDefault(name, defaultValue);
        String expected = "an http:// or https:// URL such as " + defaultValue;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                reject(name, value, expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            reject(name, value, expected);
            return URI.create(defaultValue);
        }
    }

    private Backend backend(String name, String defaultValue) {
        String value = environment.getOrDefault(name, defaultValue);
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        Optional<Integer> port = colon < 0 ? Optional.empty() : parsePort(value.substring(colon + 1));
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?") || port.isEmpty()) {
            reject(name, value, "host:port such as " + defaultValue);
            return new Backend("invalid", 1);
        }
        return new Backend(host, port.get());
    }

    private void checkMatchPortsAreDistinct(List<ServiceDnat> dnats) {
        Map<Integer, Service> claimed = new LinkedHashMap<>();
        for (ServiceDnat dnat : dnats) {
            if (!dnat.enabled()) {
                continue;
            }

            Service earlier = claimed.putIfAbsent(dnat.matchPort(), dnat.service());
            if (earlier != null) {
                String port = String.valueOf(dnat.matchPort());
                reject(dnat.service().dportVariable(), port,
                        "a port no other service matches; " + earlier.dportVariable() + " is also '" + port + "'");
            }
        }
    }

    private void checkMatchPortsSpareTheGateway(List<ServiceDnat> dnats, String gateway, URI gatewayUrl) {
        if (!gateway.equals(gatewayUrl.getHost())) {
            return;
        }

        int gatewayPort = gatewayUrl.getPort() >= 0 ? gatewayUrl.getPort()
                : "http".equalsIgnoreCase(gatewayUrl.getScheme()) ? 80 : GATEWAY_HTTPS_PORT;
        for (ServiceDnat dnat : dnats) {
            if (dnat.enabled() && dnat.matchPort() == gatewayPort) {
                reject(dnat.service().dportVariable(), String.valueOf(dnat.matchPort()),
                        "a port other than " + gatewayPort + ", which " + GATEWAY_INTERNAL_URL
                                + " serves on " + gateway + " without DNAT");
            }
        }
    }

    private static Optional<Integer> parsePort(String value) {
        if (!value.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
    }

    private <T> Optional<T> reject(String name, String value, String expected) {
        problems.add(name + ": '" + value + "' (expected: " + expected + ")");
        return Optional.empty();
    }
}
