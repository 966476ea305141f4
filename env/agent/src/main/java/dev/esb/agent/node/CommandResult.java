package dev.esb.agent.node;

/** The outcome of one command: its exit status and what it printed. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
