package dev.esb.runtime.containerd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervises real child processes (sh) standing in for containerd. */
class ContainerdSupervisorTest {
    @TempDir
    Path dir;

    private CompletableFuture<Integer> runInBackground(ContainerdSupervisor supervisor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return supervisor.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void returnsTheChildsOwnExitStatus() throws Exception {
        ContainerdSupervisor supervisor =
                new ContainerdSupervisor(List.of("sh", "-c", "exit 3"), Duration.ofSeconds(5));

        assertThat(supervisor.run()).as("exit status").isEqualTo(3);
    }

    @Test
    void forwardsSigtermAndExitsWithTheStatusTheChildChose() throws Exception {
        Path ready = dir.resolve("ready");
        ContainerdSupervisor supervisor = new ContainerdSupervisor(List.of("sh", "-c",
                "trap 'exit 7' TERM; touch " + ready + "; while :; do sleep 0.05; done"), Duration.ofSeconds(30));
        CompletableFuture<Integer> status = runInBackground(supervisor);
        await("child installed its TERM trap").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ready));

        supervisor.stop();

        assertThat(status.get(10, TimeUnit.SECONDS)).as("status after SIGTERM").isEqualTo(7);
    }

    @Test
    void killsAChildThatIgnoresSigtermAfterTheGracePeriod() throws Exception {
        Path ready = dir.resolve("ready");
        ContainerdSupervisor supervisor = new ContainerdSupervisor(List.of("sh", "-c",
                "trap '' TERM; touch " + ready + "; while :; do sleep 0.05; done"), Duration.ofMillis(300));
        CompletableFuture<Integer> status = runInBackground(supervisor);
        await("child ignores TERM").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ready));

        long stoppedAt = System.nanoTime();
        supervisor.stop();
        int exit = status.get(10, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - stoppedAt) / 1_000_000;

        assertThat(exit).as("status after SIGKILL").isEqualTo(137);
        assertThat(tookMillis).as("time until killed (ms)").isBetween(250L, 9_000L);
    }

    @Test
    void stopRequestedBeforeStartStopsTheChildOnceItRuns() throws Exception {
        ContainerdSupervisor supervisor = new ContainerdSupervisor(List.of("sh", "-c", "while :; do sleep 0.05; done"),
                Duration.ofSeconds(30));

        supervisor.stop();

        assertThat(supervisor.run()).as("exit status of a child ended by SIGTERM").isEqualTo(143);
    }
}
