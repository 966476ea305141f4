package dev.esb.gateway.control;

import java.util.Map;
import java.util.function.LongSupplier;

import dev.esb.gateway.dispatch.WorkerPool;
import dev.esb.gateway.logship.AccessLog;
import dev.esb.gateway.logship.ShippingStats;
import dev.esb.gateway.metrics.InvocationCounters;
import dev.esb.gateway.registry.FunctionRegistry;
import dev.esb.gateway.registry.RegisteredFunction;

/** Writes the gateway's counters in the Prometheus text exposition format, version 0.0.4. */
public final class MetricsExposition {
    /** The content type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final InvocationCounters invocations;
    private final FunctionRegistry registry;
    private final AccessLog accessLog;
    private final LongSupplier tailFailures;

    /**
     * @param invocations invocation counters
     * @param registry the functions, for pool gauges
     * @param accessLog the access log, for shipping counters
     * @param tailFailures how many log tails could not be fetched
     */
    public MetricsExposition(InvocationCounters invocations, FunctionRegistry registry, AccessLog accessLog,
            LongSupplier tailFailures) {
        this.invocations = invocations;
        this.registry = registry;
        this.accessLog = accessLog;
        this.tailFailures = tailFailures;
    }

    /** The current values. */
    public String render() {
        StringBuilder out = new StringBuilder();
        Map<InvocationCounters.Key, InvocationCounters.Totals> series = invocations.snapshot();
        header(out, "esb_gateway_invocations_total", "counter", "Invocations by function, type and outcome.");
        series.forEach((key, totals) -> sample(out, "esb_gateway_invocations_total", labels(key), totals.count()));
        header(out, "esb_gateway_invocation_duration_milliseconds_total", "counter",
                "Summed duration of invocations by function, type and outcome.");
        series.forEach((key, totals) -> sample(out, "esb_gateway_invocation_duration_milliseconds_total",
                labels(key), totals.durationMillis()));

        header(out, "esb_gateway_functions", "gauge", "Registered functions.");
        sample(out, "esb_gateway_functions", "", registry.all().size());
        header(out, "esb_gateway_workers", "gauge", "Workers by function and state.");
        for (RegisteredFunction function : registry.all()) {
            WorkerPool.Snapshot pool = function.pool().snapshot();
            String name = "function=\"" + escape(function.definition().name()) + "\"";
            sample(out, "esb_gateway_workers", name + ",state=\"registered\"", pool.workers());
            sample(out, "esb_gateway_workers", name + ",state=\"busy\"", pool.busy());
            sample(out, "esb_gateway_queued_invocations", name + ",type=\"RequestResponse\"", pool.queuedSync());
            sample(out, "esb_gateway_queued_invocations", name + ",type=\"Event\"", pool.queuedEvent());
        }

        ShippingStats shipping = accessLog.stats();
        counter(out, "esb_gateway_logship_lines_recorded_total", "Access log lines recorded.", shipping.recorded());
        counter(out, "esb_gateway_logship_lines_shipped_total", "Access log lines VictoriaLogs accepted.",
                shipping.shipped());
        counter(out, "esb_gateway_logship_batches_shipped_total", "Batches VictoriaLogs accepted.",
                shipping.batchesShipped());
        counter(out, "esb_gateway_logship_lines_dropped_total", "Lines dropped because the buffer was full.",
                shipping.dropped());
        counter(out, "esb_gateway_logship_batches_failed_total", "Batches that failed or were refused.",
                shipping.batchesFailed());
        counter(out, "esb_gateway_logship_lines_failed_total", "Lines lost with failed batches.",
                shipping.failedLines());
        header(out, "esb_gateway_logship_lines_buffered", "gauge", "Lines waiting to be shipped.");
        sample(out, "esb_gateway_logship_lines_buffered", "", shipping.buffered());
        counter(out, "esb_gateway_log_tail_failures_total", "Log tails the agent did not deliver.",
                tailFailures.getAsLong());
        return out.toString();
    }

    private static String labels(InvocationCounters.Key key) {
        return "function=\"" + escape(key.function()) + "\",type=\"" + escape(key.invocationType())
                + "\",outcome=\"" + escape(key.outcome()) + "\"";
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, "counter", help);
        sample(out, name, "", value);
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
