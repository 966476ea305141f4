package dev.esb.proxy.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative DNS server on a loopback UDP port. It answers A queries from a map that tests change while
 * the proxy runs, with Docker's TTL of 600 s, NXDOMAIN for unknown names, and can go silent to play a DNS outage.
 */
public final class TestDnsServer implements AutoCloseable {
    /** The TTL Docker's embedded DNS gives, which the proxy must not honour. */
    public static final int DOCKER_TTL_SECONDS = 600;

    private final Map<String, List<InetAddress>> records = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private volatile boolean silent;

    private TestDnsServer() {
        channel = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline()
                                .addLast(new DatagramDnsQueryDecoder())
                                .addLast(new DatagramDnsResponseEncoder())
                                .addLast(new Responder());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .syncUninterruptibly()
                .channel();
    }

    /** Starts a server on an ephemeral loopback port. */
    public static TestDnsServer start() {
        return new TestDnsServer();
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Answers {@code name} with {@code addresses} from now on. */
    public void answer(String name, InetAddress... addresses) {
        records.put(name, List.of(addresses));
    }

    /** Answers {@code name} with NXDOMAIN from now on. */
    public void remove(String name) {
        records.remove(name);
    }

    /** Drops every query unanswered while {@code silent} is true. */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    /** Queries received for {@code name}, answered or not. */
    public int queries(String name) {
        AtomicInteger count = queries.get(name);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Responder extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            String name = question.name().endsWith(".")
                    ? question.name().substring(0, question.name().length() - 1)
                    : question.name();
            queries.computeIfAbsent(name, ignored -> new AtomicInteger()).incrementAndGet();
            if (silent) {
                return;
            }

            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setAuthoritativeAnswer(true);
            response.addRecord(DnsSection.QUESTION, question);
            List<InetAddress> found = records.get(name);
            if (found == null) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            } else if (question.type().equals(DnsRecordType.A)) {
                for (InetAddress address : found) {
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A,
                            DOCKER_TTL_SECONDS, Unpooled.wrappedBuffer(address.getAddress())));
                }
            }
            ctx.writeAndFlush(response);
        }
    }
}
