package dev.esb.agent.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/** Follows the log file of one task (the shim appends to it) into a {@link LogBuffer}. */
public final class TaskLog {

    private final Path file;
    private final LogBuffer buffer;
    private final LongSupplier clock;
    private long offset;

    public TaskLog(Path file, int capacity, LongSupplier clock) {
        this.file = file;
        this.buffer = new LogBuffer(capacity);
        this.clock = clock;
    }

    /** Reads what was appended since the last call. A file that does not exist yet has nothing to read. */
    public synchronized void catchUp() throws IOException {
        if (!Files.exists(file)) {
            return;
        }

        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < offset) {
                offset = 0;
            }
            in.seek(offset);
            byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = in.read(chunk)) > 0) {
                buffer.append(chunk, read, clock.getAsLong());
                offset += read;
            }
        }
    }

    public List<String> since(long sinceMillis) throws IOException {
        catchUp();
        return buffer.since(sinceMillis);
    }

    public Path file() {
        return file;
    }
}
