package dev.esb.proxy.admin;

import dev.esb.proxy.config.Addresses;
import dev.esb.proxy.resolve.BackendAddresses;
import dev.esb.proxy.route.RouteRuntime;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Renders {@code /health} as JSON: an overall status and one object per route. */
final class HealthReport {
    private HealthReport() {
    }

    static boolean allReady(List<RouteRuntime> routes) {
        return routes.stream().allMatch(RouteRuntime::ready);
    }

    static String render(List<RouteRuntime> routes, boolean draining) {
        String status = draining ? "draining" : allReady(routes) ? "ready" : "not-ready";
        StringBuilder json = new StringBuilder("{\"status\":").append(quote(status)).append(",\"routes\":[");
        for (int i = 0; i < routes.size(); i++) {
            RouteRuntime route = routes.get(i);
            BackendAddresses.Snapshot backend = route.backendState();
            json.append(i == 0 ? "" : ",")
                    .append("{\"name\":").append(quote(route.name()))
                    .append(",\"listen\":").append(quote(route.boundAddress().map(Addresses::format)
                            .orElse(route.route().listenText())))
                    .append(",\"backend\":").append(quote(route.route().backend()))
                    .append(",\"listening\":").append(route.listening())
                    .append(",\"addresses\":").append(addresses(backend.addresses()))
                    .append(",\"activeConnections\":").append(route.openFlows())
                    .append(",\"lastError\":").append(quoteOrNull(route.lastError()))
                    .append(",\"ready\":").append(route.ready())
                    .append('}');
        }
        return json.append("]}\n").toString();
    }

    private static String addresses(List<InetAddress> addresses) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < addresses.size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(NetUtil.toAddressString(addresses.get(i))));
        }
        return json.append(']').toString();
    }

    private static String quoteOrNull(Optional<String> value) {
        return value.map(HealthReport::quote).orElse("null");
    }

    static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
