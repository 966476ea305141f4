package dev.esb.runtime.config;

import java.util.Optional;

/**
 * An IPv4 address held as its 32-bit value, so that subnet arithmetic is plain integer work.
 *
 * @param bits the address in network order, as an unsigned 32-bit value stored in an int
 */
public record Ipv4(int bits) {
    /** The loopback network {@code 127.0.0.0/8}, which DNAT to local-proxy targets. */
    public static final String LOOPBACK_NET = "127.0.0.0/8";

    /**
     * Parses dotted-quad notation strictly: four decimal octets, no leading zeros (which some tools read as
     * octal), nothing else.
     */
    public static Optional<Ipv4> parse(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }

        int bits = 0;
        for (String octet : octets) {
            if (!octet.matches("0|[1-9][0-9]{0,2}")) {
                return Optional.empty();
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            bits = (bits << 8) | value;
        }
        return Optional.of(new Ipv4(bits));
    }

    /** Whether the address lies in {@code 127.0.0.0/8}. */
    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    /** Whether the address is {@code 0.0.0.0}, multicast, or the limited broadcast address. */
    public boolean isUnusableAsHost() {
        int first = bits >>> 24;
        return bits == 0 || bits == -1 || (first >= 224 && first <= 239);
    }

    /** The network address of the /16 that contains this address. */
    public Ipv4 network16() {
        return new Ipv4(bits & 0xFFFF0000);
    }

    /** The broadcast address of the /16 that contains this address. */
    public Ipv4 broadcast16() {
        return new Ipv4(bits | 0x0000FFFF);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
