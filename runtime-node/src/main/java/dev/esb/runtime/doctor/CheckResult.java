package dev.esb.runtime.doctor;

import java.util.List;

/**
 * What one check found.
 *
 * @param id a stable name, such as {@code db-listener}
 * @param verdict PASS, FAIL or SKIP
 * @param summary one line: the finding, and on FAIL its cause
 * @param evidence what was observed: rules with counters, values, statuses
 * @param remedy one line saying what to do; empty unless the verdict is FAIL
 */
public record CheckResult(String id, Verdict verdict, String summary, List<String> evidence, String remedy) {
    public CheckResult {
        evidence = List.copyOf(evidence);
    }

    /** A passing result. */
    public static CheckResult pass(String id, String summary, List<String> evidence) {
        return new CheckResult(id, Verdict.PASS, summary, evidence, "");
    }

    /** A failing result with its remedy. */
    public static CheckResult fail(String id, String summary, List<String> evidence, String remedy) {
        return new CheckResult(id, Verdict.FAIL, summary, evidence, remedy);
    }

    /** A result for a check that does not apply, with the reason. */
    public static CheckResult skip(String id, String reason) {
        return new CheckResult(id, Verdict.SKIP, reason, List.of(), "");
    }
}
