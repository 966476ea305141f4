package dev.esb.runtime.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.testing.FakeNode;
import org.junit.jupiter.api.Test;

class StateDirCheckTest {
    @Test
    void refusesTheContainersOverlayRoot() {
        FakeNode node = new FakeNode().answer("mkdir", CommandResult.ok(""))
                .answer("stat -f -c %T /var/lib/containerd", CommandResult.ok("overlayfs\n"));

        assertThat(StateDirCheck.problem(node, "/var/lib/containerd")).as("problem").hasValue(
                "containerd state directory: '/var/lib/containerd' on overlayfs (expected: a tmpfs or a volume, such"
                        + " as --tmpfs /var/lib/containerd or -v esb-containerd:/var/lib/containerd; containerd cannot"
                        + " stack overlay snapshots on the container's overlay root)");
    }

    @Test
    void acceptsATmpfsOrVolume() {
        FakeNode tmpfs = new FakeNode().answer("mkdir", CommandResult.ok(""))
                .answer("stat", CommandResult.ok("tmpfs\n"));
        FakeNode volume = new FakeNode().answer("mkdir", CommandResult.ok(""))
                .answer("stat", CommandResult.ok("ext2/ext3\n"));

        assertThat(StateDirCheck.problem(tmpfs, "/var/lib/containerd")).as("tmpfs").isEmpty();
        assertThat(StateDirCheck.problem(volume, "/var/lib/containerd")).as("volume").isEmpty();
    }
}
