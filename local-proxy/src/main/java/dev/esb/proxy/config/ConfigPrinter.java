package dev.esb.proxy.config;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes an effective configuration back in the config file format, so that the output parses again. */
public final class ConfigPrinter {
    private ConfigPrinter() {
    }

    /** The configuration as config file text, routes first. */
    public static String print(ProxyConfig config) {
        StringBuilder text = new StringBuilder();
        for (Route route : config.routes()) {
            text.append("route ").append(route.name())
                    .append(" listen ").append(route.listenText())
                    .append(" backend ").append(route.backend())
                    .append(" max-connections ").append(route.maxConnections())
                    .append('\n');
        }

        line(text, Setting.ADMIN, config.admin().map(Addresses::format).orElse("off"));
        line(text, Setting.CONNECT_TIMEOUT, duration(config.connectTimeout()));
        line(text, Setting.IDLE_TIMEOUT, offOrDuration(config.idleTimeout()));
        line(text, Setting.HALF_CLOSE_TIMEOUT, offOrDuration(config.halfCloseTimeout()));
        line(text, Setting.DRAIN_GRACE, duration(config.drainGrace()));
        DnsSettings dns = config.dns();
        line(text, Setting.DNS_SERVERS, dns.usesSystemServers() ? "system"
                : dns.servers().stream().map(Addresses::format).collect(Collectors.joining(",")));
        line(text, Setting.DNS_TTL_CAP, duration(dns.ttlCap()));
        line(text, Setting.DNS_NEGATIVE_TTL_CAP, duration(dns.negativeTtlCap()));
        line(text, Setting.DNS_QUERY_TIMEOUT, duration(dns.queryTimeout()));
        line(text, Setting.DNS_FAMILY, name(dns.family()));
        line(text, Setting.TRANSPORT, name(config.transport()));
        line(text, Setting.IO_THREADS, config.ioThreads() == 0 ? "auto" : String.valueOf(config.ioThreads()));
        line(text, Setting.LOG_LEVEL, name(config.logLevel()));
        return text.toString();
    }

    private static void line(StringBuilder text, Setting setting, String value) {
        text.append(setting.key()).append(' ').append(value).append('\n');
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String offOrDuration(Duration value) {
        return value.isZero() ? "off" : duration(value);
    }

    /** The shortest exact form: {@code 0}, {@code 250ms}, {@code 3s}, {@code 5m} or {@code 1h}. */
    static String duration(Duration value) {
        long millis = value.toMillis();
        if (millis == 0) {
            return "0";
        } else if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        } else if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        } else if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
