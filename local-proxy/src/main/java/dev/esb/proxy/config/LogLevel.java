package dev.esb.proxy.config;

/** Level of the proxy's own loggers; connection log lines are written at {@link #INFO}. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE
}
