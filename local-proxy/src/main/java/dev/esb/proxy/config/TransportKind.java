package dev.esb.proxy.config;

/** Which Netty transport to run on. */
public enum TransportKind {
    /** Epoll when the native library loads, NIO otherwise. */
    AUTO,
    /** Epoll or fail to start. */
    EPOLL,
    /** Java NIO. */
    NIO
}
