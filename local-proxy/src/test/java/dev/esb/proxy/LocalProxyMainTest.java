package dev.esb.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class LocalProxyMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(Map<String, String> env, String... args) {
        return LocalProxyMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void assertBindable(int port) {
        assertThatCode(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close())
                .as("port %d was left unbound", port)
                .doesNotThrowAnyException();
    }

    @Test
    void checkPrintsTheBuiltInSeedRoutes() {
        int code = run(Map.of(), "--check");

        assertThat(code).as("exit code").isZero();
        assertThat(stdout()).as("effective configuration")
                .contains("from the built-in default")
                .contains("route s3 listen 127.0.0.1:9000 backend s3-storage:9000")
                .contains("route database listen 127.0.0.1:8001 backend database:8000")
                .contains("route logs listen 127.0.0.1:9428 backend victorialogs:9428")
                .contains("admin 127.0.0.1:8404");
    }

    @Test
    void checkReadsTheFileNamedByArgumentOrEnvironmentWithOverrides() throws IOException {
        Path file = Files.writeString(dir.resolve("proxy.cfg"), "route db listen 127.0.0.1:8001 backend db:8000\n");

        int fromArgument = run(Map.of("LOCAL_PROXY_DNS_TTL_CAP", "2s"), "--config", file.toString(), "--check");
        int fromEnvironment = run(Map.of("LOCAL_PROXY_CONFIG", file.toString()), "--check");

        assertThat(fromArgument).as("exit code with --config").isZero();
        assertThat(fromEnvironment).as("exit code with LOCAL_PROXY_CONFIG").isZero();
        assertThat(stdout()).as("effective configuration")
                .contains("from " + file)
                .contains("route db listen 127.0.0.1:8001 backend db:8000")
                .contains("dns-ttl-cap 2s")
                .doesNotContain("route s3");
    }

    @Test
    void invalidConfigExitsWithTwoAndBindsNothing() throws IOException {
        int port = freePort();
        Path file = Files.writeString(dir.resolve("bad.cfg"),
                "route ok listen 127.0.0.1:" + port + " backend ok:1\nbogus 1\n");

        int code = run(Map.of(), "--config", file.toString());

        assertThat(code).as("exit code").isEqualTo(LocalProxyMain.EXIT_INVALID);
        assertThat(stderr()).as("error names line, key, value and expectation")
                .contains(file + " line 2: key: 'bogus' (expected: one of admin,");
        assertBindable(port);
    }

    @Test
    void rejectsUnknownArgumentsAndUnreadableFiles() {
        int unknown = run(Map.of(), "--chek");
        int unreadable = run(Map.of(), "--config", dir.resolve("missing.cfg").toString(), "--check");

        assertThat(unknown).as("exit code for an unknown argument").isEqualTo(2);
        assertThat(unreadable).as("exit code for a missing file").isEqualTo(2);
        assertThat(stderr()).as("errors")
                .contains("argument: '--chek' (expected: --config PATH, --check or --help)")
                .contains("--config: '" + dir.resolve("missing.cfg") + "' (expected: a readable config file");
    }

    @Test
    void releasesEveryListenerWhenOneCannotBeBound() throws Exception {
        int free = freePort();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path file = Files.writeString(dir.resolve("clash.cfg"), String.join("\n",
                    "route first listen 127.0.0.1:" + free + " backend first:1",
                    "route second listen 127.0.0.1:" + taken.getLocalPort() + " backend second:1",
                    "admin off", ""));

            int code = CompletableFuture.supplyAsync(() -> run(Map.of(), "--config", file.toString()))
                    .get(20, TimeUnit.SECONDS);

            assertThat(code).as("exit code").isEqualTo(LocalProxyMain.EXIT_START_FAILED);
            assertThat(stderr()).as("error names the route and address")
                    .contains("route second listen: '127.0.0.1:" + taken.getLocalPort() + "'");
            assertBindable(free);
        }
    }
}
