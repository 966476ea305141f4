package dev.esb.proxy.testing;

import dev.esb.proxy.LocalProxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Blocking client sockets for tests; every read has a timeout so that a broken proxy fails a test, not hangs it. */
public final class Clients {
    /** Longest a single blocking read may wait. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private Clients() {
    }

    /** Connects to the listener of {@code route}. */
    public static Socket connect(LocalProxy proxy, String route) throws IOException {
        InetSocketAddress address = proxy.route(route).boundAddress().orElseThrow();
        Socket socket = new Socket();
        socket.connect(address, READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Reads one line, without its newline; null at end of stream. */
    public static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads until end of stream. */
    public static String readToEnd(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Writes text and flushes. */
    public static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }
}
