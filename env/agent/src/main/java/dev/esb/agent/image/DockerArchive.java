package dev.esb.agent.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the image names out of a {@code docker save} tarball without unpacking it: the tar headers are walked
 * (skipping each member's content) until {@code manifest.json}, whose {@code RepoTags} name the images.
 */
public final class DockerArchive {

    private static final int BLOCK = 512;

    private DockerArchive() {
    }

    /** The tags of every image in the tarball, as Docker wrote them (for example {@code esb/worker-python:abc}). */
    public static List<String> repoTags(Path tarball, ObjectMapper json) throws IOException {
        byte[] manifest = member(tarball, "manifest.json").orElseThrow(() -> new IOException(
                "image tarball: '" + tarball + "' has no manifest.json (expected: written by docker save)"));

        List<String> tags = new ArrayList<>();
        for (JsonNode image : json.readTree(manifest)) {
            image.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
        }
        return tags;
    }

    /** The content of one member of a tar file, by name. */
    static Optional<byte[]> member(Path tarball, String name) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(tarball.toFile(), "r")) {
            byte[] header = new byte[BLOCK];
            long offset = 0;
            while (offset + BLOCK <= file.length()) {
                file.seek(offset);
                file.readFully(header);
                String memberName = text(header, 0, 100);
                if (memberName.isEmpty()) {
                    return Optional.empty();
                }

                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(),
                        8);
                if (memberName.equals(name) || memberName.equals("./" + name)) {
                    byte[] content = new byte[Math.toIntExact(size)];
                    file.readFully(content);
                    return Optional.of(content);
                }
                offset += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
            }
            return Optional.empty();
        }
    }

    private static String text(byte[] header, int start, int length) {
        int end = start;
        while (end < start + length && header[end] != 0) {
            end++;
        }
        return new String(header, start, end - start, StandardCharsets.US_ASCII);
    }
}
