package dev.esb.proxy.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How backend names are resolved.
 *
 * @param servers        name servers to ask; empty means the system's ({@code /etc/resolv.conf})
 * @param ttlCap         longest time a positive answer is reused, whatever TTL the server gave
 * @param negativeTtlCap longest time a failed lookup is remembered before the name is asked again
 * @param queryTimeout   how long one lookup may take before it counts as failed
 * @param family         record types asked for
 */
public record DnsSettings(
        List<InetSocketAddress> servers,
        Duration ttlCap,
        Duration negativeTtlCap,
        Duration queryTimeout,
        AddressFamily family) {
    public DnsSettings {
        servers = List.copyOf(servers);
    }

    /** Whether the system's resolvers are used. */
    public boolean usesSystemServers() {
        return servers.isEmpty();
    }
}
