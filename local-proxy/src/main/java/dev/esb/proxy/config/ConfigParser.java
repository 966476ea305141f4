package dev.esb.proxy.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line-oriented config format and applies environment overrides.
 *
 * <pre>
 * # comment
 * connect-timeout 3s
 * route s3 listen 127.0.0.1:9000 backend s3-storage:9000 [max-connections 512]
 * </pre>
 *
 * <p>Every value is validated before anything is bound, and the first problem is reported as a
 * {@link ConfigException} that names where it came from (file line or environment variable).
 */
public final class ConfigParser {
    /** Environment variable holding the config file path, read by the launcher. */
    public static final String CONFIG_PATH_ENV = Setting.ENV_PREFIX + "CONFIG";

    /** Prefix of the environment variables that add, replace or remove one route. */
    public static final String ROUTE_ENV_PREFIX = Setting.ENV_PREFIX + "ROUTE_";

    private static final Pattern ROUTE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Duration LONGEST_DURATION = Duration.ofHours(24);
    private static final int MOST_CONNECTIONS = 1_000_000;
    private static final String ROUTE_SHAPE = "listen IP:PORT backend HOST:PORT [max-connections N]";
    private static final String DURATION_SHAPE = "duration such as 500ms, 3s or 2m";

    private final Map<Setting, Raw> settings = new EnumMap<>(Setting.class);
    private final Map<String, RawRoute> routes = new LinkedHashMap<>();

    private ConfigParser() {
    }

    /** A value with where it came from, so that errors can point at it. */
    private record Raw(String value, String origin) {
    }

    private record RawRoute(String name, List<String> tokens, String origin) {
    }

    /**
     * Parses {@code text} and overlays the {@code LOCAL_PROXY_*} variables of {@code env}.
     *
     * @param text       config file contents
     * @param sourceName file name used in error messages
     * @param env        environment variables (other prefixes are ignored)
     * @return the validated configuration
     * @throws ConfigException on the first invalid input
     */
    public static ProxyConfig parse(String text, String sourceName, Map<String, String> env) {
        ConfigParser parser = new ConfigParser();
        parser.readFile(text, sourceName);
        parser.readEnvironment(env);
        return parser.build();
    }

    private void readFile(String text, String sourceName) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            List<String> tokens = tokens(hash >= 0 ? line.substring(0, hash) : line);
            if (tokens.isEmpty()) {
                continue;
            }

            String origin = sourceName + " line " + (i + 1) + ": ";
            String key = tokens.get(0);
            if (key.equals("route")) {
                readRoute(tokens.subList(1, tokens.size()), origin);
                continue;
            }

            Setting setting = Setting.byKey(key).orElseThrow(() -> ConfigException.invalid(
                    origin, "key", key, "one of " + Setting.keyList()));
            String value = String.join(" ", tokens.subList(1, tokens.size()));
            if (tokens.size() != 2) {
                throw ConfigException.invalid(origin, key, value, "exactly one value");
            }
            Raw earlier = settings.putIfAbsent(setting, new Raw(value, origin));
            if (earlier != null) {
                throw ConfigException.invalid(origin, key, value,
                        "one " + key + " line, but " + earlier.origin() + "already sets it");
            }
        }
    }

    private void readRoute(List<String> tokens, String origin) {
        if (tokens.isEmpty()) {
            throw ConfigException.invalid(origin, "route", "", "route NAME " + ROUTE_SHAPE);
        }
        String name = tokens.get(0);
        RawRoute route = new RawRoute(name, List.copyOf(tokens.subList(1, tokens.size())), origin);
        if (routes.putIfAbsent(name, route) != null) {
            throw ConfigException.invalid(origin, "route", name,
                    "a route name used once, but " + routes.get(name).origin() + "already uses it");
        }
    }

    private void readEnvironment(Map<String, String> env) {
        // Sorted so that the first error reported does not depend on hash order.
        for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
            String variable = entry.getKey();
            String value = entry.getValue().strip();
            if (!variable.startsWith(Setting.ENV_PREFIX) || variable.equals(CONFIG_PATH_ENV)) {
                continue;
            }

            String origin = "";
            if (variable.startsWith(ROUTE_ENV_PREFIX) && variable.length() > ROUTE_ENV_PREFIX.length()) {
                String name = variable.substring(ROUTE_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                if (value.equals("off")) {
                    routes.remove(name);
                } else {
                    routes.put(name, new RawRoute(name, tokens(value), variable + ": "));
                }
                continue;
            }

            Setting setting = Setting.byEnvName(variable).orElseThrow(() -> ConfigException.invalid(origin,
                    variable, value, "a known variable: " + CONFIG_PATH_ENV + ", " + ROUTE_ENV_PREFIX
                            + "<NAME> or one of " + String.join(", ", envNames())));
            settings.put(setting, new Raw(value, variable + ": "));
        }
    }

    private static List<String> envNames() {
        List<String> names = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            names.add(setting.envName());
        }
        return names;
    }

    private ProxyConfig build() {
        int defaultMax = count(Setting.MAX_CONNECTIONS);
        if (routes.isEmpty()) {
            throw ConfigException.invalid("", "route", "none", "at least one route");
        }
        List<Route> built = new ArrayList<>();
        for (RawRoute raw : routes.values()) {
            built.add(route(raw, defaultMax));
        }

        Optional<InetSocketAddress> admin = admin();
        checkListenConflicts(built, admin);
        return new ProxyConfig(
                built,
                admin,
                positiveDuration(Setting.CONNECT_TIMEOUT),
                optionalDuration(Setting.IDLE_TIMEOUT),
                optionalDuration(Setting.HALF_CLOSE_TIMEOUT),
                duration(Setting.DRAIN_GRACE),
                new DnsSettings(
                        dnsServers(),
                        duration(Setting.DNS_TTL_CAP),
                        duration(Setting.DNS_NEGATIVE_TTL_CAP),
                        positiveDuration(Setting.DNS_QUERY_TIMEOUT),
                        choice(Setting.DNS_FAMILY, AddressFamily.class)),
                choice(Setting.TRANSPORT, TransportKind.class),
                ioThreads(),
                choice(Setting.LOG_LEVEL, LogLevel.class));
    }

    private Route route(RawRoute raw, int defaultMax) {
        String origin = raw.origin();
        String what = "route " + raw.name();
        if (!ROUTE_NAME.matcher(raw.name()).matches()) {
            throw ConfigException.invalid(origin, "route", raw.name(),
                    "a name of lowercase letters, digits, '-' or '_', at most 32 long");
        }

        Map<String, String> pairs = new LinkedHashMap<>();
        List<String> tokens = raw.tokens();
        for (int i = 0; i < tokens.size(); i += 2) {
            String key = tokens.get(i);
            if (!List.of("listen", "backend", "max-connections").contains(key)) {
                throw ConfigException.invalid(origin, what, key, "listen, backend or max-connections");
            }
            if (i + 1 >= tokens.size() || pairs.put(key, tokens.get(i + 1)) != null) {
                throw ConfigException.invalid(origin, what, String.join(" ", tokens), ROUTE_SHAPE);
            }
        }
        if (!pairs.containsKey("listen") || !pairs.containsKey("backend")) {
            throw ConfigException.invalid(origin, what, String.join(" ", tokens), ROUTE_SHAPE);
        }

        String listenText = pairs.get("listen");
        InetSocketAddress listen = Addresses.parseBindAddress(listenText).orElseThrow(() -> ConfigException.invalid(
                origin, what + " listen", listenText, "an IP address and a port 1-65535, e.g. 127.0.0.1:9000"));
        String backendText = pairs.get("backend");
        Addresses.HostPort backend = Addresses.split(backendText)
                .filter(hostPort -> Addresses.isBackendHost(hostPort.host()))
                .orElseThrow(() -> ConfigException.invalid(origin, what + " backend", backendText,
                        "a DNS name or IP address and a port 1-65535, e.g. s3-storage:9000"));

        int max = defaultMax;
        if (pairs.containsKey("max-connections")) {
            max = count(what + " max-connections", pairs.get("max-connections"), origin);
        }
        return new Route(raw.name(), listen, backend.host(), backend.port(), max);
    }

    private static void checkListenConflicts(List<Route> routes, Optional<InetSocketAddress> admin) {
        Map<String, InetSocketAddress> taken = new LinkedHashMap<>();
        admin.ifPresent(address -> taken.put("admin", address));
        for (Route route : routes) {
            for (Map.Entry<String, InetSocketAddress> other : taken.entrySet()) {
                if (overlaps(route.listen(), other.getValue())) {
                    throw ConfigException.invalid("", "route " + route.name() + " listen", route.listenText(),
                            "an address no other listener uses, but " + other.getKey() + " listens on "
                                    + Addresses.format(other.getValue()));
                }
            }
            taken.put("route " + route.name(), route.listen());
        }
    }

    private static boolean overlaps(InetSocketAddress a, InetSocketAddress b) {
        if (a.getPort() != b.getPort()) {
            return false;
        }
        return a.getAddress().equals(b.getAddress())
                || a.getAddress().isAnyLocalAddress()
                || b.getAddress().isAnyLocalAddress();
    }

    private Optional<InetSocketAddress> admin() {
        Raw raw = raw(Setting.ADMIN);
        if (raw.value().equals("off")) {
            return Optional.empty();
        }
        InetSocketAddress address = Addresses.parseBindAddress(raw.value())
                .filter(candidate -> candidate.getAddress().isLoopbackAddress())
                .orElseThrow(() -> ConfigException.invalid(raw.origin(), Setting.ADMIN.key(), raw.value(),
                        "a loopback IP address and a port 1-65535, e.g. 127.0.0.1:8404, or off"));
        return Optional.of(address);
    }

    private List<InetSocketAddress> dnsServers() {
        Raw raw = raw(Setting.DNS_SERVERS);
        if (raw.value().equals("system")) {
            return List.of();
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String item : raw.value().split(",", -1)) {
            String text = item.strip();
            Optional<InetSocketAddress> server = Addresses.ipLiteral(text)
                    .map(ip -> new InetSocketAddress(ip, 53))
                    .or(() -> Addresses.parseBindAddress(text));
            servers.add(server.orElseThrow(() -> ConfigException.invalid(raw.origin(), Setting.DNS_SERVERS.key(),
                    raw.value(), "system or a comma-separated list of ip[:port], e.g. 127.0.0.11,10.0.0.2:5353")));
        }
        return servers;
    }

    private Duration duration(Setting setting) {
        Raw raw = raw(setting);
        return parseDuration(raw.value()).orElseThrow(() -> ConfigException.invalid(
                raw.origin(), setting.key(), raw.value(), "a " + DURATION_SHAPE + " up to 24h"));
    }

    private Duration positiveDuration(Setting setting) {
        Raw raw = raw(setting);
        return parseDuration(raw.value()).filter(value -> !value.isZero()).orElseThrow(() ->
                ConfigException.invalid(raw.origin(), setting.key(), raw.value(), "a non-zero " + DURATION_SHAPE));
    }

    private Duration optionalDuration(Setting setting) {
        Raw raw = raw(setting);
        if (raw.value().equals("off")) {
            return Duration.ZERO;
        }
        return parseDuration(raw.value()).orElseThrow(() ->
                ConfigException.invalid(raw.origin(), setting.key(), raw.value(), "a " + DURATION_SHAPE + ", or off"));
    }

    /** Parses {@code 0}, {@code 250ms}, {@code 3s}, {@code 2m} or {@code 1h}; empty for anything else. */
    static Optional<Duration> parseDuration(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration value = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return value.compareTo(LONGEST_DURATION) > 0 ? Optional.empty() : Optional.of(value);
    }

    private int count(Setting setting) {
        Raw raw = raw(setting);
        return count(setting.key(), raw.value(), raw.origin());
    }

    private static int count(String name, String value, String origin) {
        return wholeNumber(value, MOST_CONNECTIONS).orElseThrow(() -> ConfigException.invalid(origin, name, value,
                "a whole number 1-" + MOST_CONNECTIONS));
    }

    private int ioThreads() {
        Raw raw = raw(Setting.IO_THREADS);
        if (raw.value().equals("auto")) {
            return 0;
        }
        return wholeNumber(raw.value(), ProxyConfig.MOST_IO_THREADS).orElseThrow(() -> ConfigException.invalid(
                raw.origin(), Setting.IO_THREADS.key(), raw.value(),
                "auto or a whole number 1-" + ProxyConfig.MOST_IO_THREADS));
    }

    /** {@code value} as a number from 1 to {@code most}; empty for anything else. */
    private static OptionalInt wholeNumber(String value, int most) {
        if (!value.matches("\\d{1,7}")) {
            return OptionalInt.empty();
        }
        int parsed = Integer.parseInt(value);
        return parsed >= 1 && parsed <= most ? OptionalInt.of(parsed) : OptionalInt.empty();
    }

    private <E extends Enum<E>> E choice(Setting setting, Class<E> type) {
        Raw raw = raw(setting);
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (name.equals(raw.value())) {
                return constant;
            }
            names.add(name);
        }
        throw ConfigException.invalid(raw.origin(), setting.key(), raw.value(), "one of " + String.join(", ", names));
    }

    private Raw raw(Setting setting) {
        return settings.getOrDefault(setting, new Raw(setting.defaultValue(), "default "));
    }

    private static List<String> tokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }
}
