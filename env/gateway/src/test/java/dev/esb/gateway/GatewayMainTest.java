package dev.esb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(Map<String, String> env, String... args) {
        return GatewayMain.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void exitsWithTwoAndNamesTheVariableWhenTheConfigurationIsInvalid() {
        int status = run(Map.of("GATEWAY_PORT", "80x1", "GATEWAY_CERT_DIR", dir.toString()));

        assertThat(status).as("exit status").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("error output")
                .contains("GATEWAY_PORT: '80x1' (expected: a port 0-65535)");
        assertThat(dir).as("nothing written").isEmptyDirectory();
    }

    @Test
    void writesCertificatesOnceWithTheCertsCommand() throws Exception {
        Path target = dir.resolve("certs");

        int first = run(Map.of(), "certs", "--dir", target.toString());
        String ca = Files.readString(target.resolve("ca.pem"));
        int second = run(Map.of(), "certs", "--dir", target.toString());

        assertThat(first).as("exit status of the first run").isZero();
        assertThat(second).as("exit status of the second run").isZero();
        assertThat(Files.readString(target.resolve("ca.pem"))).as("ca.pem kept by the second run").isEqualTo(ca);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("printed directory").contains(target.toString());
    }

    @Test
    void rejectsUnknownArguments() {
        assertThat(run(Map.of(), "serve")).as("exit status for an unknown command").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("error output").contains("command: 'serve'");
    }
}
