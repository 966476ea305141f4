package dev.esb.agent.task;

/** A task as containerd reports it: its id, its process id (0 once stopped) and status, e.g. {@code RUNNING}. */
public record TaskStatus(String id, long pid, String status) {

    public boolean running() {
        return "RUNNING".equals(status);
    }
}
