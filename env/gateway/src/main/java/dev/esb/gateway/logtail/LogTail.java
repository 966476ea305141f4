package dev.esb.gateway.logtail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Encodes log lines the way Lambda fills {@code X-Amz-Log-Result}: the last 4 KB, base64. */
public final class LogTail {
    /** Lambda keeps the last 4 KB of the log. */
    public static final int MAX_BYTES = 4096;

    private LogTail() {
    }

    /** The last {@link #MAX_BYTES} bytes of the lines, newline-terminated, as base64. */
    public static String encode(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

        int start = Math.max(0, bytes.length - MAX_BYTES);
        // Never start inside a multi-byte character: skip UTF-8 continuation bytes (10xxxxxx).
        while (start < bytes.length && start > 0 && (bytes[start] & 0xC0) == 0x80) {
            start++;
        }
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
    }
}
