package dev.esb.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.testing.FakeNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end against a fake node. */
class RuntimeNodeMainTest {
    @TempDir
    Path cniConfDir;

    private final FakeNode node = new FakeNode();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Map<String, String> variables, String... args) {
        CommandLine commandLine = RuntimeNodeMain.commandLine(new NodeContext(variables, node, cniConfDir));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void planPrintsTheRulesAndRunsNoCommand() {
        int status = execute(Map.of(), "plan");

        assertThat(status).as("exit status").isZero();
        assertThat(out.toString()).as("plan").contains("-I PREROUTING -j ESB-PREROUTING",
                "net.ipv4.conf.all.route_localnet = 1", "\"bridge\": \"cni0\"");
        assertThat(node.calls()).as("commands run by plan").isEmpty();
    }

    @Test
    void invalidVariablesExitWithTwoAndApplyNothing() {
        int status = execute(Map.of("DNAT_DB_PORT", "80x1"), "apply");

        assertThat(status).as("exit status").isEqualTo(2);
        assertThat(err.toString()).as("stderr").contains("invalid configuration, nothing was applied",
                "DNAT_DB_PORT: '80x1' (expected: a port 1-65535)");
        assertThat(node.calls()).as("commands run").isEmpty();
    }

    @Test
    void runRefusesAnOverlayStateDirectoryBeforeApplyingAnything() {
        node.answer("mkdir", CommandResult.ok("")).answer("stat", CommandResult.ok("overlayfs\n"));

        int status = execute(Map.of(), "run");

        assertThat(status).as("exit status").isEqualTo(2);
        assertThat(err.toString()).as("stderr").contains("on overlayfs", "nothing was applied");
        assertThat(node.callsOf("iptables-restore")).as("restores").isEmpty();
    }

    @Test
    void applyThenStatusReportsNoDrift() {
        node.iptables().withDockerDns();
        assertThat(execute(Map.of(), "apply")).as("apply status").isZero();

        int status = execute(Map.of(), "status");

        assertThat(status).as("status exit").isZero();
        assertThat(out.toString()).as("status").contains("nat PREROUTING -> ESB-PREROUTING: present",
                "nothing: the node matches the plan");
    }

    @Test
    void statusExitsOneAndShowsWhatApplyWouldRun() {
        int status = execute(Map.of(), "status");

        assertThat(status).as("status exit").isEqualTo(1);
        assertThat(out.toString()).as("status").contains("iptables-restore --noflush would run:",
                "nat PREROUTING -> ESB-PREROUTING: missing");
    }

    @Test
    void doctorExitsOneOnAnyFailAndPrintsJson() {
        int status = execute(Map.of(), "doctor", "--json");

        assertThat(status).as("exit status").isEqualTo(1);
        assertThat(out.toString()).as("json").contains("\"healthy\" : false", "\"id\" : \"dnat-rules\"");
    }

    @Test
    void applyFailureExitsOneWithTheReason() {
        node.procSysReadOnly(false);

        int status = execute(Map.of(), "apply");

        assertThat(status).as("exit status").isEqualTo(1);
        assertThat(err.toString()).as("stderr").contains("runtime-node apply: Failed to set net.ipv4.ip_forward=1");
    }
}
