package dev.esb.gateway.tls;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a client may use to reach the gateway, written into the server certificate's subject alternative names.
 *
 * @param dnsNames host names, such as {@code localhost} and the gateway's own name
 * @param addresses IP addresses, such as the bridge gateway {@code 10.88.0.1} and {@code 127.0.0.1}
 */
public record ServerNames(List<String> dnsNames, List<InetAddress> addresses) {
    public ServerNames {
        dnsNames = List.copyOf(new LinkedHashSet<>(dnsNames));
        addresses = List.copyOf(new LinkedHashSet<>(addresses));
    }

    /**
     * The names of a gateway on the bridge: the bridge address, loopback, {@code localhost}, the host name and the
     * extra names given.
     */
    public static ServerNames forGateway(InetAddress bridgeAddress, String hostName, List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        if (hostName != null && !hostName.isBlank()) {
            names.add(hostName);
        }
        names.addAll(extraNames);
        return new ServerNames(List.copyOf(names), List.of(bridgeAddress, InetAddress.getLoopbackAddress()));
    }
}
