package dev.esb.runtime.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs commands as child processes, with a deadline after which the child is killed. */
public final class ProcessCommandRunner implements CommandRunner {
    private static final Logger log = LoggerFactory.getLogger(ProcessCommandRunner.class);

    /** Exit status reported for a command killed at its deadline, as {@code timeout(1)} reports it. */
    public static final int TIMED_OUT = 124;

    // Own daemon threads: the common pool may have a single thread, and two drains must run at once.
    private static final ExecutorService DRAINS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "command-output");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration deadline;

    /** Creates a runner that kills any command still running after {@code deadline}. */
    public ProcessCommandRunner(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public CommandResult run(List<String> argv, String stdin) {
        log.debug("Running {}", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            return CommandResult.failed(CommandResult.NOT_FOUND, argv.get(0) + ": " + e.getMessage());
        }

        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try (OutputStream input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The command may exit without reading its input; its exit status tells what happened.
            log.debug("Failed to write stdin of {}", argv, e);
        }

        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return CommandResult.failed(TIMED_OUT, argv.get(0) + ": killed after " + deadline.toSeconds() + " s");
            }
            return new CommandResult(process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return CommandResult.failed(TIMED_OUT, argv.get(0) + ": interrupted");
        } catch (ExecutionException e) {
            throw new UncheckedIOException("Failed to read output of " + argv, new IOException(e.getCause()));
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DRAINS);
    }
}
