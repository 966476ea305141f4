package dev.esb.proxy.config;

/** Which DNS record types are asked for when resolving backend names. */
public enum AddressFamily {
    /** A records only. */
    IPV4,
    /** AAAA records only. */
    IPV6,
    /** A and AAAA, IPv4 addresses first. */
    IPV4_PREFERRED,
    /** A and AAAA, IPv6 addresses first. */
    IPV6_PREFERRED
}
