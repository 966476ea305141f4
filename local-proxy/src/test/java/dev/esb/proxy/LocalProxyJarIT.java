package dev.esb.proxy;

import dev.esb.proxy.testing.EchoBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shaded jar as the image runs it: {@code java -jar}, a separate process, stopped by SIGTERM. */
class LocalProxyJarIT {
    @TempDir
    Path dir;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("local-proxy.jar", "target/local-proxy-0.1.0-SNAPSHOT-all.jar"));
        assertThat(jar).as("shaded jar built by the package phase").isRegularFile();
        return jar;
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile())
                .start();
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void checkValidatesTheBakedInDefaultConfig() throws Exception {
        Process check = launch("--check");

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("--check finishes").isTrue();
        assertThat(check.exitValue()).as("exit code of --check").isZero();
        assertThat(output()).as("effective routes")
                .contains("route s3 listen 127.0.0.1:9000 backend s3-storage:9000")
                .contains("route database listen 127.0.0.1:8001 backend database:8000")
                .contains("route logs listen 127.0.0.1:9428 backend victorialogs:9428");
    }

    @Test
    void checkExitsWithTwoOnAnInvalidConfig() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.cfg"), "route s3 listen 127.0.0.1:70000 backend s3:1\n");

        Process check = launch("--config", config.toString(), "--check");

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("--check finishes").isTrue();
        assertThat(check.exitValue()).as("exit code").isEqualTo(2);
        assertThat(output()).as("error").contains("route s3 listen: '127.0.0.1:70000'");
    }

    @Test
    void servesHealthAndDrainsOnSigterm() throws Exception {
        try (EchoBackend echo = EchoBackend.start()) {
            int listen = freePort();
            int admin = freePort();
            Path config = Files.writeString(dir.resolve("proxy.cfg"), String.join("\n",
                    "route echo listen 127.0.0.1:" + listen + " backend 127.0.0.1:" + echo.address().getPort(),
                    "admin 127.0.0.1:" + admin,
                    "drain-grace 2s", ""));
            Process proxy = launch("--config", config.toString());
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/health"))
                        .timeout(Duration.ofSeconds(2)).build();
                await("the jar's /health answers 200").atMost(Duration.ofSeconds(20))
                        .ignoreExceptions()
                        .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                try (Socket client = new Socket("127.0.0.1", listen)) {
                    client.setSoTimeout(5000);
                    client.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
                    assertThat(client.getInputStream().readNBytes(5)).as("echo through the jar")
                            .isEqualTo("ping\n".getBytes(StandardCharsets.UTF_8));
                }

                long start = System.nanoTime();
                proxy.destroy();

                assertThat(proxy.waitFor(10, TimeUnit.SECONDS)).as("stops within Docker's 10 s").isTrue();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("stop time, ms")
                        .isLessThan(9000L);
                assertThat(output()).as("log").contains("Draining").contains("Stopped local-proxy")
                        .contains("outcome=closed");
            } finally {
                proxy.destroyForcibly();
            }
        }
    }
}
