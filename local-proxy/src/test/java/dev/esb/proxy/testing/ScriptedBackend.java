package dev.esb.proxy.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A blocking TCP backend that runs a script per accepted socket on its own thread, for tests that need exact
 * control of FIN, RST and pacing.
 */
public final class ScriptedBackend implements AutoCloseable {
    /** What the backend does with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        /** Handles {@code socket}; exceptions are recorded. */
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private ScriptedBackend(InetSocketAddress address, Script script) throws IOException {
        server = new ServerSocket();
        server.bind(address, 1024);
        threads.execute(() -> acceptLoop(script));
    }

    /** Listens on an ephemeral loopback port. */
    public static ScriptedBackend start(Script script) throws IOException {
        return new ScriptedBackend(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), script);
    }

    /** Listens on {@code address}. */
    public static ScriptedBackend start(InetSocketAddress address, Script script) throws IOException {
        return new ScriptedBackend(address, script);
    }

    private void acceptLoop(Script script) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                threads.execute(() -> {
                    try (socket) {
                        script.run(socket);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) {
                    failures.add(e);
                }
            }
        }
    }

    /** The listening port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int acceptedCount() {
        return accepted.size();
    }

    /** Exceptions thrown by scripts. */
    public List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
