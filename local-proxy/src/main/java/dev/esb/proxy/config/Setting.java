package dev.esb.proxy.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every global key of the config file, with its default and the environment variable that overrides it. */
public enum Setting {
    ADMIN("admin", "127.0.0.1:8404", "loopback ip:port of the admin HTTP listener, or off"),
    CONNECT_TIMEOUT("connect-timeout", "3s", "limit for one TCP connect to a backend"),
    IDLE_TIMEOUT("idle-timeout", "5m", "close a connection idle this long in both directions, or off"),
    HALF_CLOSE_TIMEOUT("half-close-timeout", "30s", "close a connection this long after its first FIN, or off"),
    MAX_CONNECTIONS("max-connections", "4096", "open connections allowed per route (a route may override it)"),
    DRAIN_GRACE("drain-grace", "8s", "how long open connections may finish after SIGTERM"),
    DNS_SERVERS("dns-servers", "system", "system (/etc/resolv.conf) or a comma list of ip[:port]"),
    DNS_TTL_CAP("dns-ttl-cap", "1s", "longest reuse of a DNS answer, whatever its TTL"),
    DNS_NEGATIVE_TTL_CAP("dns-negative-ttl-cap", "1s", "longest reuse of a failed lookup"),
    DNS_QUERY_TIMEOUT("dns-query-timeout", "2s", "how long one lookup may take"),
    DNS_FAMILY("dns-family", "ipv4", "ipv4, ipv6, ipv4-preferred or ipv6-preferred"),
    TRANSPORT("transport", "auto", "auto (nio for now, see README), epoll or nio"),
    IO_THREADS("io-threads", "auto", "I/O threads: auto (one per CPU this process may use) or 1-256"),
    LOG_LEVEL("log-level", "info", "level of the proxy's own loggers: error, warn, info, debug or trace");

    /** Prefix of every environment variable the proxy reads. */
    public static final String ENV_PREFIX = "LOCAL_PROXY_";

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key as written in the config file. */
    public String key() {
        return key;
    }

    /** The value used when neither the file nor the environment sets this key. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line on what the key does. */
    public String description() {
        return description;
    }

    /** The environment variable that overrides this key, e.g. {@code LOCAL_PROXY_CONNECT_TIMEOUT}. */
    public String envName() {
        return ENV_PREFIX + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }

    static Optional<Setting> byEnvName(String name) {
        return Arrays.stream(values()).filter(setting -> setting.envName().equals(name)).findFirst();
    }

    static String keyList() {
        return String.join(", ", Arrays.stream(values()).map(Setting::key).toList()) + " or route";
    }
}
