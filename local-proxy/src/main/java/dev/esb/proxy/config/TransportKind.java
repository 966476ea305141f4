package dev.esb.proxy.config;

/** Which Netty transport to run on. */
public enum TransportKind {
    /** The transport known to work with the Netty version in use: NIO with Netty 4.2.18 (see the README). */
    AUTO,
    /** Epoll or fail to start. */
    EPOLL,
    /** Java NIO. */
    NIO
}
