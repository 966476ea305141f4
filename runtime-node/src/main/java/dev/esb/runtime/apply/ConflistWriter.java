package dev.esb.runtime.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes the CNI conflist when its content differs, through a temporary file and a rename so that a CNI
 * client never reads half a file.
 */
public final class ConflistWriter {
    private ConflistWriter() {
    }

    /**
     * Makes {@code file} hold exactly {@code content}.
     *
     * @return one line when the file was written, nothing when it already matched
     */
    public static List<String> ensure(Path file, String content) throws ApplyException {
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return List.of();
            }

            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".esb-", ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return List.of("conflist " + file + ": written");
        } catch (IOException e) {
            throw new ApplyException("Failed to write " + file + ": " + e);
        }
    }
}
