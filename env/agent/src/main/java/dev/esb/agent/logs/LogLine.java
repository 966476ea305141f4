package dev.esb.agent.logs;

/** One line of a task's output and the moment the agent read it, in epoch milliseconds. */
public record LogLine(long readAtMillis, String text) {
}
