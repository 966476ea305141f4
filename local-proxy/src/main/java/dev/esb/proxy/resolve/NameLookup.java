package dev.esb.proxy.resolve;

import io.netty.util.concurrent.Future;

import java.net.InetAddress;
import java.util.List;

/** One DNS lookup of all addresses of a name, never answered from a cache. */
@FunctionalInterface
public interface NameLookup {
    /**
     * Starts a lookup.
     *
     * @param host DNS name or IP literal
     * @return a future completed with a non-empty list of addresses, or failed
     */
    Future<List<InetAddress>> lookup(String host);
}
