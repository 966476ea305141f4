package dev.esb.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import dev.esb.gateway.control.ControlChannelInitializer;
import dev.esb.gateway.control.MetricsExposition;
import dev.esb.gateway.invoke.InvokeChannelInitializer;
import dev.esb.gateway.invoke.Invoker;
import dev.esb.gateway.invoke.WorkerClient;
import dev.esb.gateway.logship.AccessLog;
import dev.esb.gateway.logship.VictoriaLogsShipper;
import dev.esb.gateway.logtail.AgentLogTailSource;
import dev.esb.gateway.logtail.LogTailSource;
import dev.esb.gateway.metrics.InvocationCounters;
import dev.esb.gateway.registry.FunctionRegistry;
import dev.esb.gateway.tls.GatewayCertificates;
import dev.esb.gateway.tls.ServerNames;

/**
 * A running gateway: the HTTPS Invoke API and the loopback control listener, sharing one registry.
 *
 * <pre>
 *  clients, workers ──HTTPS :443──▶ Invoke API ──HTTP──▶ worker:8080 (emulator)
 *  agent ──HTTP 127.0.0.1:8405──▶ control API (registry, metrics)
 *  Invoke API ──access logs──▶ VICTORIALOGS_URL       Invoke API ──log tails──▶ AGENT_URL
 * </pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final EventLoopGroup group;
    private final AccessLog accessLog;
    private final FunctionRegistry registry;
    private final GatewayCertificates certificates;
    private final Channel httpsChannel;
    private final Channel controlChannel;

    private Gateway(EventLoopGroup group, AccessLog accessLog, FunctionRegistry registry,
            GatewayCertificates certificates, Channel httpsChannel, Channel controlChannel) {
        this.group = group;
        this.accessLog = accessLog;
        this.registry = registry;
        this.certificates = certificates;
        this.httpsChannel = httpsChannel;
        this.controlChannel = controlChannel;
    }

    /**
     * Loads or issues the certificates, then binds both listeners.
     *
     * @throws IOException when the certificate directory cannot be used
     * @throws InterruptedException when interrupted while binding
     */
    public static Gateway start(GatewayConfig config) throws IOException, InterruptedException {
        long started = System.nanoTime();
        GatewayCertificates certificates = GatewayCertificates.loadOrIssue(config.certificateDir(),
                serverNames(config));

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(Executors.newCachedThreadPool(daemon("gateway-http")))
                .build();
        FunctionRegistry registry = new FunctionRegistry(config.queueSize(), config.eventQueueSize());
        AccessLog accessLog = config.victoriaLogsUrl()
                .<AccessLog>map(url -> new VictoriaLogsShipper(http, url, config.logBatchSize(),
                        config.logFlushInterval(), config.logBufferSize()))
                .orElseGet(AccessLog::discarding);
        LogTailSource tails = config.agentUrl()
                .<LogTailSource>map(url -> new AgentLogTailSource(http, url, config.tailTimeout()))
                .orElseGet(LogTailSource::none);
        LongSupplier tailFailures = tails instanceof AgentLogTailSource agent ? agent::failures : () -> 0;

        InvocationCounters counters = new InvocationCounters();
        Invoker invoker = new Invoker(registry, new WorkerClient(http), tails, config.tailTimeout(), accessLog,
                counters, config.region(), config.accountId());
        MetricsExposition metrics = new MetricsExposition(counters, registry, accessLog, tailFailures);

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Channel control = bind(group, config.controlAddress(), new ControlChannelInitializer(registry, metrics));
            Channel https = bind(group, new InetSocketAddress(config.bindAddress(), config.httpsPort()),
                    new InvokeChannelInitializer(certificates.serverContext(), invoker, () -> registry.all().size()));
            Gateway gateway = new Gateway(group, accessLog, registry, certificates, https, control);
            log.info("Gateway started in {} ms: Invoke API on https://{}, control on http://{}, access logs to {}, "
                    + "log tails from {}", (System.nanoTime() - started) / 1_000_000, hostAndPort(https),
                    hostAndPort(control), config.victoriaLogsUrl().map(Object::toString).orElse("nowhere"),
                    config.agentUrl().map(Object::toString).orElse("nowhere"));
            return gateway;
        } catch (IOException | RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            accessLog.close();
            throw e;
        }
    }

    /** The port of the Invoke API, useful when it was configured as 0. */
    public int httpsPort() {
        return ((InetSocketAddress) httpsChannel.localAddress()).getPort();
    }

    /** The address of the control listener. */
    public InetSocketAddress controlAddress() {
        return (InetSocketAddress) controlChannel.localAddress();
    }

    /** The certificates the gateway presents. */
    public GatewayCertificates certificates() {
        return certificates;
    }

    /** The registry, for embedding the gateway in tests and tools. */
    public FunctionRegistry registry() {
        return registry;
    }

    /** Blocks until the HTTPS listener closes. */
    public void awaitClose() throws InterruptedException {
        httpsChannel.closeFuture().sync();
    }

    @Override
    public void close() {
        httpsChannel.close().syncUninterruptibly();
        controlChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        accessLog.close();
        log.info("Gateway stopped");
    }

    static ServerNames serverNames(GatewayConfig config) {
        String hostName;
        try {
            hostName = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostName = System.getenv("HOSTNAME");
        }
        return ServerNames.forGateway(config.bridgeGatewayIp(), hostName, config.certificateNames());
    }

    private static Channel bind(EventLoopGroup group, InetSocketAddress address,
            ChannelInitializer<SocketChannel> initializer) throws IOException, InterruptedException {
        var future = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(address)
                .await();
        if (!future.isSuccess()) {
            throw new IOException("Failed to bind " + address + ": " + future.cause().getMessage(), future.cause());
        }
        return future.channel();
    }

    private static String hostAndPort(Channel channel) {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
