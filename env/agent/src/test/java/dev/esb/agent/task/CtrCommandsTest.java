package dev.esb.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CtrCommandsTest {

    private final CtrCommands ctr = new CtrCommands("esb");

    @Test
    void buildsADetachedRunWithLogFileLabelsEnvAndReadOnlyMounts() {
        TaskSpec spec = new TaskSpec("fn-1-abc", "docker.io/esb/worker-python:1", Map.of("B", "2", "A", "1=x"),
                Map.of("dev.esb.function", "fn"), Map.of("/var/lib/esb-agent/ca.pem", "/etc/esb/ca.pem"),
                "/var/lib/esb-agent/logs/fn-1-abc.log");

        List<String> line = ctr.run(spec);

        assertThat(line).as("ctr run").containsExactly(
                "ctr", "--namespace", "esb", "run", "--detach",
                "--log-uri", "file:///var/lib/esb-agent/logs/fn-1-abc.log",
                "--label", "dev.esb.function=fn",
                "--env", "A=1=x",
                "--env", "B=2",
                "--mount", "type=bind,src=/var/lib/esb-agent/ca.pem,dst=/etc/esb/ca.pem,options=rbind:ro",
                "docker.io/esb/worker-python:1", "fn-1-abc");
    }

    @Test
    void neverAsksCtrForCni() {
        TaskSpec spec = new TaskSpec("t", "img", Map.of(), Map.of(), Map.of(), "/l/t.log");

        assertThat(ctr.run(spec)).as("ctr run").doesNotContain("--cni", "--net-host");
    }

    @Test
    void importsFromStdinAndDeletesByForce() {
        assertThat(ctr.importImages()).as("import").containsExactly("ctr", "--namespace", "esb", "images", "import",
                "-");
        assertThat(ctr.deleteTask("t")).as("delete").containsExactly("ctr", "--namespace", "esb", "tasks", "delete",
                "--force", "t");
        assertThat(ctr.killTask("t")).as("kill").containsSequence("kill", "--signal", "SIGKILL", "t");
    }

    @Test
    void parsesTheTaskTable() {
        String output = "TASK             PID    STATUS    \n"
                + "py-a-1-90623b    150    RUNNING\n"
                + "java-b-1-b25256  0      STOPPED\n";

        Map<String, TaskStatus> tasks = CtrCommands.parseTasks(output);

        assertThat(tasks).as("tasks").containsOnlyKeys("py-a-1-90623b", "java-b-1-b25256");
        assertThat(tasks.get("py-a-1-90623b")).as("running task")
                .isEqualTo(new TaskStatus("py-a-1-90623b", 150, "RUNNING"));
        assertThat(tasks.get("java-b-1-b25256").running()).as("stopped task runs").isFalse();
    }

    @Test
    void parsesAnEmptyTable() {
        assertThat(CtrCommands.parseTasks("TASK    PID    STATUS    \n")).as("no tasks").isEmpty();
    }
}
