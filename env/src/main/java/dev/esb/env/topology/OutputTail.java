package dev.esb.env.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import org.testcontainers.containers.output.OutputFrame;

/** Keeps a container's last lines of output: they outlive the container, so a failed boot can still show them. */
final class OutputTail implements Consumer<OutputFrame> {

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void accept(OutputFrame frame) {
        if (frame.getType() == OutputFrame.OutputType.END) {
            return;
        }

        lines.addLast(frame.getUtf8StringWithoutLineEnding());
        if (lines.size() > capacity) {
            lines.removeFirst();
        }
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
