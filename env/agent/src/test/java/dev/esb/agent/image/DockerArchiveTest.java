package dev.esb.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class DockerArchiveTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheTagsOfEveryImageAfterSkippingLayers() throws Exception {
        Path tarball = dir.resolve("workers.tar");
        Files.write(tarball, tar(
                "abc/layer.tar", new byte[1500],
                "manifest.json", ("[{\"RepoTags\":[\"esb/worker-python:1\"]},"
                        + "{\"RepoTags\":[\"esb/worker-java:2\"]}]").getBytes(StandardCharsets.UTF_8)));

        assertThat(DockerArchive.repoTags(tarball, json)).as("tags")
                .containsExactly("esb/worker-python:1", "esb/worker-java:2");
    }

    @Test
    void namesATarballWithoutManifest() throws Exception {
        Path tarball = dir.resolve("plain.tar");
        Files.write(tarball, tar("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> DockerArchive.repoTags(tarball, json))
                .as("no manifest")
                .hasMessage("image tarball: '" + tarball + "' has no manifest.json (expected: written by docker save)");
    }

    /** A ustar archive of name/content pairs, padded as tar pads. */
    private static byte[] tar(Object... members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < members.length; i += 2) {
            byte[] content = (byte[]) members[i + 1];
            byte[] header = new byte[512];
            put(header, 0, (String) members[i]);
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", content.length));
            put(header, 257, "ustar");
            header[156] = '0';
            out.writeBytes(header);
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
