package dev.esb.proxy.resolve;

import dev.esb.proxy.config.AddressFamily;
import dev.esb.proxy.config.DnsSettings;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.io.Closeable;
import java.net.InetAddress;
import java.util.List;

/**
 * Looks names up with Netty's asynchronous {@link DnsNameResolver}, with every Netty cache turned off: caching,
 * with a cap on how long an answer lives, is {@link BackendAddresses}' job.
 */
public final class DnsNameLookup implements NameLookup, Closeable {
    private final EventLoop loop;
    private final DnsNameResolver resolver;

    /**
     * Creates a resolver bound to {@code loop}.
     *
     * @param loop            event loop the resolver's sockets live on
     * @param settings        servers, timeout and address family
     * @param datagramChannel UDP channel class of the transport in use
     * @param socketChannel   TCP channel class, for truncated answers
     */
    public DnsNameLookup(EventLoop loop, DnsSettings settings, Class<? extends DatagramChannel> datagramChannel,
            Class<? extends SocketChannel> socketChannel) {
        this.loop = loop;
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder(loop)
                .datagramChannelType(datagramChannel)
                .socketChannelType(socketChannel)
                .resolveCache(NoopDnsCache.INSTANCE)
                .cnameCache(NoopDnsCnameCache.INSTANCE)
                .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                .queryTimeoutMillis(settings.queryTimeout().toMillis())
                .resolvedAddressTypes(addressTypes(settings.family()))
                .nameServerProvider(nameServers(settings));
        if (!settings.usesSystemServers()) {
            // Explicit servers are a test or a special setup: the host's search domains would only add queries.
            builder.searchDomains(List.of()).ndots(1);
        }
        this.resolver = builder.build();
    }

    private static DnsServerAddressStreamProvider nameServers(DnsSettings settings) {
        if (settings.usesSystemServers()) {
            return DnsServerAddressStreamProviders.platformDefault();
        }
        return new SequentialDnsServerAddressStreamProvider(settings.servers());
    }

    private static ResolvedAddressTypes addressTypes(AddressFamily family) {
        return switch (family) {
            case IPV4 -> ResolvedAddressTypes.IPV4_ONLY;
            case IPV6 -> ResolvedAddressTypes.IPV6_ONLY;
            case IPV4_PREFERRED -> ResolvedAddressTypes.IPV4_PREFERRED;
            case IPV6_PREFERRED -> ResolvedAddressTypes.IPV6_PREFERRED;
        };
    }

    @Override
    public Future<List<InetAddress>> lookup(String host) {
        Promise<List<InetAddress>> promise = loop.newPromise();
        loop.execute(() -> resolver.resolveAll(host).addListener(done -> {
            if (done.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetAddress> addresses = (List<InetAddress>) done.getNow();
                promise.trySuccess(List.copyOf(addresses));
            } else {
                promise.tryFailure(done.cause());
            }
        }));
        return promise;
    }

    @Override
    public void close() {
        resolver.close();
    }
}
