package dev.esb.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NsenterShellTest {

    @TempDir
    Path dir;

    @Test
    void entersTheNodesMountNamespaceAndPassesEnvironmentThroughEnv() {
        NsenterShell shell = new NsenterShell("1");

        List<String> line = shell.commandLine(List.of("/opt/cni/bin/bridge"), Map.of("CNI_COMMAND", "ADD"));

        assertThat(line).as("command line").containsExactly("nsenter", "--target", "1", "--mount", "--",
                "env", "CNI_COMMAND=ADD", "/opt/cni/bin/bridge");
    }

    @Test
    void runsDirectlyAsAProcessOfTheNode() {
        NsenterShell shell = new NsenterShell("self");

        assertThat(shell.commandLine(List.of("ctr", "version"), Map.of())).as("command line")
                .containsExactly("ctr", "version");
        assertThat(shell.nodePath("/etc/cni/net.d/10-esb.conflist")).as("node path")
                .isEqualTo(Path.of("/etc/cni/net.d/10-esb.conflist"));
    }

    @Test
    void reachesNodeFilesThroughTheTargetsRoot() {
        assertThat(new NsenterShell("42").nodePath("/var/lib/esb-agent/ca.pem")).as("node path")
                .isEqualTo(Path.of("/proc/42/root/var/lib/esb-agent/ca.pem"));
    }

    @Test
    void feedsStdinAndCapturesOutputAndEnvironment() {
        NsenterShell shell = new NsenterShell("self");

        CommandResult result = shell.run(List.of("sh", "-c", "cat; echo \" $GREETING\"; echo oops >&2; exit 3"),
                Map.of("GREETING", "hi"), "piped".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));

        assertThat(result).as("result").isEqualTo(new CommandResult(3, "piped hi\n", "oops\n"));
    }

    @Test
    void readsAFileAsStdin() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "from a file");

        CommandResult result = new NsenterShell("self").runWithInput(List.of("cat"), input, Duration.ofSeconds(10));

        assertThat(result.stdout()).as("stdout").isEqualTo("from a file");
    }

    @Test
    void namesTheCommandAndItsStderrWhenItFails() {
        NsenterShell shell = new NsenterShell("self");

        assertThatThrownBy(() -> shell.check(List.of("sh", "-c", "echo no such image >&2; exit 1")))
                .as("failing command")
                .isInstanceOf(CommandException.class)
                .hasMessage("Failed to run 'sh -c echo no such image >&2; exit 1': exit status 1: no such image");
    }

    @Test
    void stopsACommandThatOutlivesItsTimeout() {
        NsenterShell shell = new NsenterShell("self");

        assertThatThrownBy(() -> shell.run(List.of("sleep", "30"), Map.of(), new byte[0], Duration.ofMillis(200)))
                .as("slow command")
                .hasMessage("Failed to run 'sleep 30': no exit within 0 s");
    }
}
