package dev.esb.proxy.config;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing and printing of the {@code host:port} forms that the config file uses. */
public final class Addresses {
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");

    private Addresses() {
    }

    /** A host and a port as written, before the host is resolved. */
    record HostPort(String host, int port) {
    }

    /**
     * Splits {@code host:port} or {@code [v6]:port}; empty when the text has no such shape or the port is not
     * 1-65535.
     */
    static Optional<HostPort> split(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            return Optional.empty();
        }

        String portText = text.substring(colon + 1);
        if (!portText.chars().allMatch(Character::isDigit) || portText.length() > 5) {
            return Optional.empty();
        }
        int port = Integer.parseInt(portText);
        return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new HostPort(host, port));
    }

    /** Parses an {@code ip:port} to bind; host names are refused because binding must not wait for DNS. */
    static Optional<InetSocketAddress> parseBindAddress(String text) {
        return split(text).flatMap(hostPort -> ipLiteral(hostPort.host())
                .map(ip -> new InetSocketAddress(ip, hostPort.port())));
    }

    /** Whether {@code host} is a syntactically valid DNS name or an IP literal. */
    static boolean isBackendHost(String host) {
        return NetUtil.isValidIpV4Address(host)
                || NetUtil.isValidIpV6Address(host)
                || HOST_NAME.matcher(host).matches();
    }

    static Optional<InetAddress> ipLiteral(String host) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("Netty returned an address of bad length for " + host, impossible);
        }
    }

    /** Formats as {@code ip:port}, with brackets around IPv6 literals. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : NetUtil.toAddressString(ip);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
