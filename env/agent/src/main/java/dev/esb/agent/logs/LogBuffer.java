package dev.esb.agent.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The recent output lines of one task, each stamped with the moment it was read, bounded by a line count.
 * Bytes arrive in arbitrary chunks; a line counts once its newline has arrived.
 *
 * <p>The file the shim writes carries no timestamps, so a line's time is when the agent read it. The agent reads
 * every few tens of milliseconds and again right before it answers a tail request, which makes "lines at or
 * after {@code since}" the lines of the invocation the gateway dispatched at {@code since}.
 */
public final class LogBuffer {

    private final int capacity;
    private final Deque<LogLine> lines = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: '" + capacity + "' (expected: at least 1)");
        }
        this.capacity = capacity;
    }

    /** Appends a chunk read at {@code nowMillis}. */
    public synchronized void append(byte[] chunk, int length, long nowMillis) {
        partial.append(new String(chunk, 0, length, StandardCharsets.UTF_8));
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String text = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            lines.addLast(new LogLine(nowMillis, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text));
            if (lines.size() > capacity) {
                lines.removeFirst();
            }
        }
    }

    /** The lines read at or after {@code sinceMillis}, oldest first. */
    public synchronized List<String> since(long sinceMillis) {
        List<String> window = new ArrayList<>();
        for (LogLine line : lines) {
            if (line.readAtMillis() >= sinceMillis) {
                window.add(line.text());
            }
        }
        return window;
    }

    public synchronized int size() {
        return lines.size();
    }
}
