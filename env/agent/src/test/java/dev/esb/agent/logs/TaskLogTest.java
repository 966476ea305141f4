package dev.esb.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLogTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void stampsLinesWithTheTimeTheyWereRead() throws Exception {
        Path file = dir.resolve("task.log");
        TaskLog log = new TaskLog(file, 100, clock::get);
        Files.writeString(file, "previous invocation\n");
        log.catchUp();

        clock.set(5_000);
        Files.writeString(file, "START\nEND\n", StandardOpenOption.APPEND);

        assertThat(log.since(5_000)).as("lines of the invocation dispatched at 5000").containsExactly("START", "END");
        assertThat(log.since(0)).as("all lines").containsExactly("previous invocation", "START", "END");
    }

    @Test
    void hasNothingWhileTheFileDoesNotExist() throws Exception {
        TaskLog log = new TaskLog(dir.resolve("missing.log"), 100, clock::get);

        assertThat(log.since(0)).as("lines of a missing file").isEmpty();
    }

    @Test
    void startsOverWhenTheFileIsTruncated() throws Exception {
        Path file = dir.resolve("task.log");
        TaskLog log = new TaskLog(file, 100, clock::get);
        Files.writeString(file, "a long first line\n");
        log.catchUp();

        Files.writeString(file, "new\n");
        clock.set(2_000);

        assertThat(log.since(2_000)).as("lines after truncation").containsExactly("new");
    }
}
