package dev.esb.gateway.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** Invocations counted by function, invocation type and outcome, with their total duration. */
public final class InvocationCounters {
    /**
     * The labels of one series.
     *
     * @param function the registered function, or {@code -} for names that are not registered
     * @param invocationType RequestResponse, Event or DryRun
     * @param outcome success, function_error, timeout, dry_run or the name of the service error
     */
    public record Key(String function, String invocationType, String outcome) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return List.of(function, invocationType, outcome).toString()
                    .compareTo(List.of(other.function, other.invocationType, other.outcome).toString());
        }
    }

    /**
     * The values of one series.
     *
     * @param count invocations
     * @param durationMillis their summed duration
     */
    public record Totals(long count, long durationMillis) {
    }

    private final ConcurrentMap<Key, LongAdder[]> series = new ConcurrentHashMap<>();

    /** Counts one invocation. */
    public void record(Key key, long durationMillis) {
        LongAdder[] adders = series.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        adders[0].increment();
        adders[1].add(durationMillis);
    }

    /** All series, sorted by their labels. */
    public Map<Key, Totals> snapshot() {
        Map<Key, Totals> copy = new TreeMap<>();
        series.forEach((key, adders) -> copy.put(key, new Totals(adders[0].sum(), adders[1].sum())));
        return copy;
    }
}
