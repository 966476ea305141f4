package dev.esb.proxy.route;

import dev.esb.proxy.config.Addresses;
import dev.esb.proxy.resolve.BackendConnector.Dialed;
import dev.esb.proxy.resolve.BackendUnresolvedException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One proxied connection: the client socket, the backend socket once connected, and what happened to them.
 * Every method runs on the client channel's event loop, which the backend channel shares.
 */
final class Flow {
    private static final Logger log = LoggerFactory.getLogger(Flow.class);

    private final RouteRuntime route;
    private final Channel client;
    private final String clientText;
    private final long startNanos = System.nanoTime();

    private Channel backend;
    // Bytes the client sent before the backend connected; auto-read is off then, so this stays small.
    private final List<ByteBuf> early = new ArrayList<>();
    private InetSocketAddress backendAddress;
    private int attempts;
    private boolean connecting;
    private long toBackend;
    private long toClient;
    private boolean clientInputDone;
    private boolean backendInputDone;
    private ScheduledFuture<?> halfCloseTimer;
    private FlowOutcome outcome;
    private boolean finished;

    Flow(RouteRuntime route, Channel client) {
        this.route = route;
        this.client = client;
        this.clientText = Addresses.format((InetSocketAddress) client.remoteAddress());
    }

    Channel client() {
        return client;
    }

    /** Starts resolving and connecting; the client socket reads nothing until the backend is connected. */
    void start() {
        connecting = true;
        route.connect(this).addListener(done -> connected(done));
    }

    private void connected(Future<?> done) {
        connecting = false;
        if (!done.isSuccess()) {
            releaseEarly();
            Throwable cause = done.cause();
            boolean unresolved = cause instanceof BackendUnresolvedException;
            setOutcome(unresolved ? FlowOutcome.UNRESOLVED : FlowOutcome.CONNECT_FAILED);
            route.recordError(cause);
            log.debug("Failed to connect route {} for {}: {}", route.name(), clientText, cause.toString());
            client.close();
            finishIfDone();
            return;
        }

        Dialed<?> dialed = (Dialed<?>) done.getNow();
        backend = (Channel) dialed.connection();
        backendAddress = dialed.address();
        attempts = dialed.attempts();
        if (!client.isActive()) {
            releaseEarly();
            backend.close();
            return;
        }
        for (ByteBuf data : early) {
            backend.write(data, backend.voidPromise());
        }
        early.clear();
        backend.flush();
        if (clientInputDone) {
            shutdownOutput(backend);
        }
        backend.config().setAutoRead(true);
        client.config().setAutoRead(!clientInputDone);
    }

    void read(Channel from, ByteBuf data) {
        if (!isMember(from)) {
            data.release();
            return;
        }
        Channel to = peer(from);
        long bytes = data.readableBytes();
        if (to == null && connecting) {
            toBackend += bytes;
            route.metrics().toBackend(bytes);
            early.add(data);
            return;
        }
        if (to == null || !to.isActive()) {
            data.release();
            return;
        }
        if (from == client) {
            toBackend += bytes;
            route.metrics().toBackend(bytes);
        } else {
            toClient += bytes;
            route.metrics().toClient(bytes);
        }

        to.write(data, to.voidPromise());
        if (!to.isWritable()) {
            from.config().setAutoRead(false);
        }
    }

    void readComplete(Channel from) {
        Channel to = peer(from);
        if (to != null) {
            to.flush();
        }
    }

    void writabilityChanged(Channel channel) {
        Channel reader = peer(channel);
        if (channel.isWritable() && reader != null && reader.isActive() && !inputDone(reader)) {
            reader.config().setAutoRead(true);
        }
    }

    /** {@code from} sent FIN: pass it on once everything it sent is written, keep the other direction open. */
    void inputShutdown(Channel from) {
        if (!isMember(from)) {
            return;
        }
        if (from == client) {
            clientInputDone = true;
        } else {
            backendInputDone = true;
        }
        if (clientInputDone && backendInputDone) {
            // The last FIN needs no shutdown of its own: the close sends it after whatever is still queued.
            setOutcome(FlowOutcome.CLOSED);
            closeAfterFlush(client);
            closeAfterFlush(backend);
            return;
        }
        Channel to = peer(from);
        if (to != null) {
            shutdownOutput(to);
        }
        startHalfCloseTimer();
    }

    private void startHalfCloseTimer() {
        Duration timeout = route.halfCloseTimeout();
        if (timeout.isZero() || halfCloseTimer != null) {
            return;
        }
        halfCloseTimer = client.eventLoop().schedule(() -> {
            setOutcome(FlowOutcome.HALF_CLOSE_TIMEOUT);
            closeBoth();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void failed(Channel from, Throwable cause) {
        if (!isMember(from)) {
            return;
        }
        boolean reset = isReset(cause);
        if (from == client) {
            setOutcome(reset ? FlowOutcome.CLIENT_RESET : FlowOutcome.CLIENT_ERROR);
        } else {
            setOutcome(reset ? FlowOutcome.BACKEND_RESET : FlowOutcome.BACKEND_ERROR);
        }
        log.debug("Connection error on route {} ({} side): {}", route.name(),
                from == client ? "client" : "backend", cause.toString(), cause);

        // An error on one side is passed on as a reset, so the peer does not mistake it for a clean end.
        Channel to = peer(from);
        if (to != null) {
            abort(to);
        }
        from.close();
    }

    void idle() {
        setOutcome(FlowOutcome.IDLE_TIMEOUT);
        closeBoth();
    }

    void drain() {
        setOutcome(FlowOutcome.DRAINED);
        closeBoth();
    }

    void inactive(Channel channel) {
        if (!isMember(channel)) {
            return;
        }
        if (outcome == null) {
            setOutcome(channel == client ? FlowOutcome.CLIENT_CLOSED : FlowOutcome.BACKEND_CLOSED);
        }
        Channel other = peer(channel);
        if (other != null && other.isActive()) {
            closeAfterFlush(other);
        }
        finishIfDone();
    }

    private void finishIfDone() {
        boolean backendDone = backend == null ? !connecting : !backend.isActive();
        if (finished || client.isActive() || !backendDone) {
            return;
        }
        finished = true;
        if (halfCloseTimer != null) {
            halfCloseTimer.cancel(false);
        }

        route.finished(this);
        String backendText = backendAddress == null ? "-" : Addresses.format(backendAddress);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        FlowLog.closed(route.name(), clientText, backendText, toBackend, toClient, millis, attempts, outcome);
    }

    /** Ends a flow that never started relaying, e.g. over the connection limit. */
    void reject(FlowOutcome reason) {
        setOutcome(reason);
        finished = true;
        client.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        FlowLog.closed(route.name(), clientText, "-", 0, 0, millis, 0, reason);
    }

    private void releaseEarly() {
        early.forEach(ByteBuf::release);
        early.clear();
    }

    private void setOutcome(FlowOutcome candidate) {
        if (outcome == null) {
            outcome = candidate;
        }
    }

    private void closeBoth() {
        client.close();
        if (backend != null) {
            backend.close();
        }
    }

    /** False for the socket of a failed connect attempt, whose events must not touch the flow. */
    private boolean isMember(Channel channel) {
        return channel == client || channel == backend;
    }

    private Channel peer(Channel channel) {
        return channel == client ? backend : client;
    }

    private boolean inputDone(Channel channel) {
        return channel == client ? clientInputDone : backendInputDone;
    }

    private static void shutdownOutput(Channel channel) {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
            if (channel.isActive() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            }
        });
    }

    private static void closeAfterFlush(Channel channel) {
        if (channel == null) {
            return;
        }
        // Output already shut down means everything was flushed. Writing then would only fail with an exception
        // whose stack trace costs more than the rest of a short connection's close. With nothing queued, the
        // empty write would only delay the close by a promise and a listener.
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        boolean outputDone = channel instanceof DuplexChannel duplex && duplex.isOutputShutdown();
        if (outputDone || queued == null || queued.totalPendingWriteBytes() == 0) {
            channel.close();
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private static void abort(Channel channel) {
        if (channel.isActive()) {
            // Linger zero turns the close into a TCP RST.
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        channel.close();
    }

    private static boolean isReset(Throwable cause) {
        // Neither NIO nor epoll expose ECONNRESET as a type; both put it in the message.
        String message = cause.getMessage();
        if (!(cause instanceof IOException) || message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("reset") || lower.contains("broken pipe");
    }
}
