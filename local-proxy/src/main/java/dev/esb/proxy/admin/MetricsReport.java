package dev.esb.proxy.admin;

import dev.esb.proxy.route.RouteMetrics;
import dev.esb.proxy.route.RouteRuntime;

import java.util.List;
import java.util.function.ToLongFunction;

/** Renders {@code /metrics} in the Prometheus text exposition format, version 0.0.4. */
final class MetricsReport {
    private MetricsReport() {
    }

    static String render(List<RouteRuntime> routes) {
        StringBuilder text = new StringBuilder();
        gauge(text, "local_proxy_connections_active", "Connections open now.", routes, RouteMetrics::active);
        counter(text, "local_proxy_connections_total", "Connections accepted, including rejected ones.", routes,
                RouteMetrics::total);
        counter(text, "local_proxy_connections_rejected_total", "Connections closed at once at the route limit.",
                routes, RouteMetrics::rejectedTotal);
        counter(text, "local_proxy_connect_failures_total", "Failed backend connect attempts.", routes,
                RouteMetrics::connectFailures);
        counter(text, "local_proxy_resolve_failures_total", "Failed DNS lookups of the backend name.", routes,
                RouteMetrics::resolveFailures);

        text.append("# HELP local_proxy_bytes_total Bytes relayed, by direction.\n")
                .append("# TYPE local_proxy_bytes_total counter\n");
        for (RouteRuntime route : routes) {
            text.append("local_proxy_bytes_total{route=\"").append(route.name())
                    .append("\",direction=\"to_backend\"} ").append(route.metrics().bytesToBackend()).append('\n')
                    .append("local_proxy_bytes_total{route=\"").append(route.name())
                    .append("\",direction=\"to_client\"} ").append(route.metrics().bytesToClient()).append('\n');
        }

        text.append("# HELP local_proxy_resolve_duration_seconds DNS lookup latency of the backend name.\n")
                .append("# TYPE local_proxy_resolve_duration_seconds histogram\n");
        for (RouteRuntime route : routes) {
            RouteMetrics metrics = route.metrics();
            String label = "route=\"" + route.name() + "\"";
            for (int i = 0; i < RouteMetrics.RESOLVE_BUCKETS.length; i++) {
                text.append("local_proxy_resolve_duration_seconds_bucket{").append(label).append(",le=\"")
                        .append(RouteMetrics.RESOLVE_BUCKETS[i]).append("\"} ").append(metrics.resolveBucket(i))
                        .append('\n');
            }
            text.append("local_proxy_resolve_duration_seconds_bucket{").append(label).append(",le=\"+Inf\"} ")
                    .append(metrics.resolveCount()).append('\n')
                    .append("local_proxy_resolve_duration_seconds_sum{").append(label).append("} ")
                    .append(metrics.resolveSeconds()).append('\n')
                    .append("local_proxy_resolve_duration_seconds_count{").append(label).append("} ")
                    .append(metrics.resolveCount()).append('\n');
        }

        text.append("# HELP local_proxy_route_ready Whether the route is listening with a known backend address.\n")
                .append("# TYPE local_proxy_route_ready gauge\n");
        for (RouteRuntime route : routes) {
            text.append("local_proxy_route_ready{route=\"").append(route.name()).append("\"} ")
                    .append(route.ready() ? 1 : 0).append('\n');
        }
        return text.toString();
    }

    private static void gauge(StringBuilder text, String name, String help, List<RouteRuntime> routes,
            ToLongFunction<RouteMetrics> value) {
        family(text, name, help, "gauge", routes, value);
    }

    private static void counter(StringBuilder text, String name, String help, List<RouteRuntime> routes,
            ToLongFunction<RouteMetrics> value) {
        family(text, name, help, "counter", routes, value);
    }

    private static void family(StringBuilder text, String name, String help, String type,
            List<RouteRuntime> routes, ToLongFunction<RouteMetrics> value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (RouteRuntime route : routes) {
            text.append(name).append("{route=\"").append(route.name()).append("\"} ")
                    .append(value.applyAsLong(route.metrics())).append('\n');
        }
    }
}
