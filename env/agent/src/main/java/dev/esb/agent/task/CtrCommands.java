package dev.esb.agent.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code ctr} command lines of the agent, in one containerd namespace. Pure: {@link Containerd} runs them.
 *
 * <p>Tasks are started detached, without {@code --cni}: the agent attaches them to the bridge itself (see
 * {@code dev.esb.agent.cni}), because {@code ctr} only tears a CNI network down for tasks it runs in the
 * foreground, and the agent needs the address the bridge plugin assigned.
 */
public final class CtrCommands {

    private final String namespace;

    public CtrCommands(String namespace) {
        this.namespace = namespace;
    }

    public List<String> importImages() {
        return base("images", "import", "-");
    }

    public List<String> run(TaskSpec spec) {
        List<String> line = base("run", "--detach", "--log-uri", "file://" + spec.logPath());
        new TreeMap<>(spec.labels()).forEach((name, value) -> {
            line.add("--label");
            line.add(name + "=" + value);
        });
        for (String assignment : spec.envAssignments()) {
            line.add("--env");
            line.add(assignment);
        }
        new TreeMap<>(spec.mounts()).forEach((source, destination) -> {
            line.add("--mount");
            line.add("type=bind,src=" + source + ",dst=" + destination + ",options=rbind:ro");
        });
        line.add(spec.imageRef());
        line.add(spec.id());
        return line;
    }

    public List<String> listTasks() {
        return base("tasks", "list");
    }

    public List<String> listContainers() {
        return base("containers", "list", "--quiet");
    }

    public List<String> killTask(String id) {
        return base("tasks", "kill", "--signal", "SIGKILL", id);
    }

    public List<String> deleteTask(String id) {
        return base("tasks", "delete", "--force", id);
    }

    public List<String> deleteContainer(String id) {
        return base("containers", "delete", id);
    }

    private List<String> base(String... arguments) {
        List<String> line = new ArrayList<>(List.of("ctr", "--namespace", namespace));
        line.addAll(List.of(arguments));
        return line;
    }

    /** Parses {@code ctr tasks list}: a header, then {@code ID PID STATUS} per task. */
    public static Map<String, TaskStatus> parseTasks(String output) {
        Map<String, TaskStatus> tasks = new TreeMap<>();
        for (String row : output.split("\n")) {
            String[] columns = row.trim().split("\\s+");
            if (columns.length < 3 || columns[0].equals("TASK") || !columns[1].matches("\\d+")) {
                continue;
            }
            tasks.put(columns[0], new TaskStatus(columns[0], Long.parseLong(columns[1]), columns[2]));
        }
        return tasks;
    }
}
