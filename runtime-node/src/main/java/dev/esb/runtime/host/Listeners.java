package dev.esb.runtime.host;

import java.util.ArrayList;
import java.util.List;

/**
 * The TCP sockets listening in the node's namespace, parsed from {@code ss -ltnH}.
 */
public final class Listeners {
    private final List<String> localAddresses;

    private Listeners(List<String> localAddresses) {
        this.localAddresses = List.copyOf(localAddresses);
    }

    /**
     * Parses {@code ss -ltnH} output; the fourth column is the local address, such as {@code 127.0.0.1:8001},
     * {@code 0.0.0.0:443}, {@code *:443} or {@code [::]:443}.
     */
    public static Listeners parse(String ssOutput) {
        List<String> addresses = new ArrayList<>();
        for (String line : ssOutput.split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 4 && columns[0].equals("LISTEN")) {
                addresses.add(columns[3]);
            }
        }
        return new Listeners(addresses);
    }

    /** Whether something accepts TCP connections on {@code ip:port}, directly or through a wildcard bind. */
    public boolean accepts(String ip, int port) {
        String suffix = ":" + port;
        return localAddresses.stream().anyMatch(address -> address.endsWith(suffix)
                && isAddressOrWildcard(address.substring(0, address.length() - suffix.length()), ip));
    }

    /** Every listening local address, in the order ss printed them. */
    public List<String> addresses() {
        return localAddresses;
    }

    private static boolean isAddressOrWildcard(String host, String ip) {
        String bare = host.replaceFirst("%.*$", "");
        return bare.equals(ip) || bare.equals("0.0.0.0") || bare.equals("*") || bare.equals("[::]")
                || bare.equals("[::ffff:" + ip + "]");
    }
}
