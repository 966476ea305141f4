package dev.esb.proxy.config;

import dev.esb.proxy.LocalProxyMain;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {
    private static final String ONE_ROUTE = "route s3 listen 127.0.0.1:9000 backend s3-storage:9000\n";

    private static ProxyConfig parse(String text) {
        return ConfigParser.parse(text, "test.cfg", Map.of());
    }

    @Test
    void builtInDefaultIsTheThreeSeedRoutes() {
        ProxyConfig config = ConfigParser.parse(LocalProxyMain.defaultConfigText(), "built-in", Map.of());

        assertThat(config.routes())
                .as("seed routes: listen address -> backend")
                .extracting(route -> route.listenText() + " -> " + route.backend())
                .containsExactly(
                        "127.0.0.1:9000 -> s3-storage:9000",
                        "127.0.0.1:8001 -> database:8000",
                        "127.0.0.1:9428 -> victorialogs:9428");
        assertThat(config.admin().map(Addresses::format)).as("admin listener").contains("127.0.0.1:8404");
        assertThat(config.dns().usesSystemServers()).as("system resolvers by default").isTrue();
    }

    @Test
    void appliesDocumentedDefaultsWhenKeysAreAbsent() {
        ProxyConfig config = parse(ONE_ROUTE);

        assertThat(config.connectTimeout()).as("connect-timeout").isEqualTo(Duration.ofSeconds(3));
        assertThat(config.idleTimeout()).as("idle-timeout").isEqualTo(Duration.ofMinutes(5));
        assertThat(config.halfCloseTimeout()).as("half-close-timeout").isEqualTo(Duration.ofSeconds(30));
        assertThat(config.drainGrace()).as("drain-grace below Docker's 10 s").isLessThan(Duration.ofSeconds(10));
        assertThat(config.dns().ttlCap()).as("dns-ttl-cap").isEqualTo(Duration.ofSeconds(1));
        assertThat(config.dns().negativeTtlCap()).as("dns-negative-ttl-cap").isEqualTo(Duration.ofSeconds(1));
        assertThat(config.routes().get(0).maxConnections()).as("max-connections").isEqualTo(4096);
        assertThat(config.transport()).as("transport").isEqualTo(TransportKind.AUTO);
        assertThat(config.ioThreads()).as("io-threads auto").isZero();
        assertThat(config.effectiveIoThreads()).as("auto means one I/O thread per CPU")
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void readsEveryKeyAndPerRouteLimit() {
        ProxyConfig config = parse("""
                # comment line
                route db listen 127.0.0.1:8001 backend database:8000 max-connections 12  # trailing comment
                admin 127.0.0.1:9999
                connect-timeout 750ms
                idle-timeout off
                half-close-timeout 2m
                max-connections 100
                drain-grace 5s
                dns-servers 127.0.0.11,127.0.0.1:5353
                dns-ttl-cap 0
                dns-negative-ttl-cap 2s
                dns-query-timeout 1s
                dns-family ipv4-preferred
                transport nio
                io-threads 3
                log-level debug
                """);

        assertThat(config.routes().get(0).maxConnections()).as("per-route limit wins").isEqualTo(12);
        assertThat(config.connectTimeout()).as("connect-timeout").isEqualTo(Duration.ofMillis(750));
        assertThat(config.idleTimeout()).as("idle-timeout off").isZero();
        assertThat(config.halfCloseTimeout()).as("half-close-timeout").isEqualTo(Duration.ofMinutes(2));
        assertThat(config.dns().servers()).as("dns-servers, default port 53")
                .extracting(Addresses::format)
                .containsExactly("127.0.0.11:53", "127.0.0.1:5353");
        assertThat(config.dns().ttlCap()).as("dns-ttl-cap 0").isZero();
        assertThat(config.dns().family()).as("dns-family").isEqualTo(AddressFamily.IPV4_PREFERRED);
        assertThat(config.transport()).as("transport").isEqualTo(TransportKind.NIO);
        assertThat(config.logLevel()).as("log-level").isEqualTo(LogLevel.DEBUG);
        assertThat(config.effectiveIoThreads()).as("io-threads").isEqualTo(3);
    }

    @Test
    void printedConfigParsesBackToTheSameConfig() {
        ProxyConfig config = ConfigParser.parse(LocalProxyMain.defaultConfigText(), "built-in", Map.of());

        ProxyConfig reparsed = parse(ConfigPrinter.print(config));

        assertThat(reparsed).as("--check output is a valid config with the same meaning").isEqualTo(config);
    }

    @Test
    void environmentOverridesKeysAndAddsReplacesOrRemovesRoutes() {
        String text = ONE_ROUTE + "route logs listen 127.0.0.1:9428 backend victorialogs:9428\n";
        Map<String, String> env = Map.of(
                "LOCAL_PROXY_CONNECT_TIMEOUT", "5s",
                "LOCAL_PROXY_ROUTE_S3", "listen 127.0.0.1:9100 backend other-s3:9100",
                "LOCAL_PROXY_ROUTE_LOGS", "off",
                "LOCAL_PROXY_ROUTE_EXTRA_DB", "listen 127.0.0.1:8002 backend database:8000",
                "PATH", "/usr/bin");

        ProxyConfig config = ConfigParser.parse(text, "test.cfg", env);

        assertThat(config.connectTimeout()).as("LOCAL_PROXY_CONNECT_TIMEOUT").isEqualTo(Duration.ofSeconds(5));
        assertThat(config.routes())
                .as("routes after environment overrides")
                .extracting(route -> route.name() + " " + route.listenText() + " -> " + route.backend())
                .containsExactly("s3 127.0.0.1:9100 -> other-s3:9100", "extra-db 127.0.0.1:8002 -> database:8000");
    }

    @Test
    void rejectsUnknownKeyNamingKeyValueAndExpectation() {
        assertThatThrownBy(() -> parse(ONE_ROUTE + "conect-timeout 3s\n"))
                .as("unknown key")
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "test.cfg line 2: key: 'conect-timeout' (expected: one of admin, connect-timeout");
    }

    @Test
    void rejectsUnknownEnvironmentVariable() {
        assertThatThrownBy(() -> ConfigParser.parse(ONE_ROUTE, "test.cfg", Map.of("LOCAL_PROXY_CONECT_TIMEOUT", "3s")))
                .as("unknown LOCAL_PROXY_ variable")
                .hasMessageStartingWith("LOCAL_PROXY_CONECT_TIMEOUT: '3s' (expected: a known variable");
    }

    @Test
    void rejectsBadPort() {
        assertThatThrownBy(() -> parse("route s3 listen 127.0.0.1:99999 backend s3-storage:9000"))
                .as("listen port out of range")
                .hasMessage("test.cfg line 1: route s3 listen: '127.0.0.1:99999' "
                        + "(expected: an IP address and a port 1-65535, e.g. 127.0.0.1:9000)");
        assertThatThrownBy(() -> parse("route s3 listen 127.0.0.1:9000 backend s3-storage:0"))
                .as("backend port zero")
                .hasMessageContaining(
                        "route s3 backend: 's3-storage:0' (expected: a DNS name or IP address and a port");
    }

    @Test
    void rejectsUnparsableAddresses() {
        assertThatThrownBy(() -> parse("route s3 listen localhost:9000 backend s3-storage:9000"))
                .as("host name as listen address")
                .hasMessageContaining("route s3 listen: 'localhost:9000'");
        assertThatThrownBy(() -> parse("route s3 listen 127.0.0.1:9000 backend bad_host!:9000"))
                .as("invalid backend name")
                .hasMessageContaining("route s3 backend: 'bad_host!:9000'");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "dns-servers 127.0.0.1:53x"))
                .as("invalid dns server")
                .hasMessageContaining("dns-servers: '127.0.0.1:53x' (expected: system or a comma-separated list");
    }

    @Test
    void rejectsDuplicateListenAddressIncludingWildcardOverlap() {
        assertThatThrownBy(() -> parse(ONE_ROUTE + "route s3b listen 127.0.0.1:9000 backend other:9000"))
                .as("same listen address twice")
                .hasMessage("route s3b listen: '127.0.0.1:9000' (expected: an address no other listener uses, "
                        + "but route s3 listens on 127.0.0.1:9000)");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "route any listen 0.0.0.0:9000 backend other:9000"))
                .as("wildcard on a used port")
                .hasMessageContaining("route any listen: '0.0.0.0:9000'");
        assertThatThrownBy(() -> parse("route a listen 127.0.0.1:8404 backend x:1"))
                .as("route on the admin port")
                .hasMessageContaining("but admin listens on 127.0.0.1:8404");
    }

    @Test
    void rejectsDuplicateRouteNamesAndRepeatedKeys() {
        assertThatThrownBy(() -> parse(ONE_ROUTE + "route s3 listen 127.0.0.1:9001 backend x:1"))
                .as("route name twice")
                .hasMessageContaining("route: 's3' (expected: a route name used once");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "connect-timeout 1s\nconnect-timeout 2s"))
                .as("key twice")
                .hasMessageContaining("test.cfg line 3: connect-timeout: '2s' (expected: one connect-timeout line");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> parse(ONE_ROUTE + "connect-timeout 3x"))
                .as("bad duration").hasMessageContaining("connect-timeout: '3x' (expected: a non-zero duration");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "connect-timeout 0"))
                .as("zero connect timeout").hasMessageContaining("connect-timeout: '0'");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "max-connections 0"))
                .as("zero limit").hasMessageContaining("max-connections: '0' (expected: a whole number 1-1000000)");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "admin 0.0.0.0:8404"))
                .as("admin off loopback").hasMessageContaining("admin: '0.0.0.0:8404' (expected: a loopback");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "transport kqueue"))
                .as("bad transport").hasMessageContaining("transport: 'kqueue' (expected: one of auto, epoll, nio)");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "io-threads 0"))
                .as("no I/O thread").hasMessageContaining("io-threads: '0' (expected: auto or a whole number 1-256)");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "io-threads 1000"))
                .as("too many I/O threads").hasMessageContaining("io-threads: '1000' (expected: auto or a whole");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "io-threads all"))
                .as("a word other than auto").hasMessageContaining("io-threads: 'all' (expected: auto or a whole");
        assertThatThrownBy(() -> parse(ONE_ROUTE + "idle-timeout 3s 4s"))
                .as("two values").hasMessageContaining("idle-timeout: '3s 4s' (expected: exactly one value)");
        assertThatThrownBy(() -> parse("route s3 listen 127.0.0.1:9000"))
                .as("route without backend")
                .hasMessageContaining("route s3: 'listen 127.0.0.1:9000' (expected: listen IP:PORT backend HOST:PORT");
        assertThatThrownBy(() -> parse("# nothing\n"))
                .as("no route").hasMessage("route: 'none' (expected: at least one route)");
    }

    @Test
    void parsesDurationUnits() {
        assertThat(ConfigParser.parseDuration("250ms")).as("ms").contains(Duration.ofMillis(250));
        assertThat(ConfigParser.parseDuration("2m")).as("m").contains(Duration.ofMinutes(2));
        assertThat(ConfigParser.parseDuration("1h")).as("h").contains(Duration.ofHours(1));
        assertThat(ConfigParser.parseDuration("25h")).as("over 24h").isEmpty();
        assertThat(ConfigParser.parseDuration("-1s")).as("negative").isEmpty();
    }
}
