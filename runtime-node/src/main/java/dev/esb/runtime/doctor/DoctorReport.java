package dev.esb.runtime.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Renders doctor results for people (aligned text) or machines (JSON). */
public final class DoctorReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DoctorReport() {
    }

    /** Whether no check failed. */
    public static boolean healthy(List<CheckResult> results) {
        return results.stream().noneMatch(result -> result.verdict() == Verdict.FAIL);
    }

    /** One line per check, evidence and remedy indented below it, and a tally at the end. */
    public static String text(List<CheckResult> results) {
        int width = results.stream().mapToInt(result -> result.id().length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (CheckResult result : results) {
            text.append(String.format("%-4s  %-" + width + "s  %s%n", result.verdict(), result.id(), result.summary()));
            String indent = " ".repeat(8 + width);
            result.evidence().forEach(line -> text.append(indent).append(line).append('\n'));
            if (!result.remedy().isEmpty()) {
                text.append(indent).append("remedy: ").append(result.remedy()).append('\n');
            }
        }
        text.append(String.format("doctor: %d PASS, %d FAIL, %d SKIP%n",
                count(results, Verdict.PASS), count(results, Verdict.FAIL), count(results, Verdict.SKIP)));
        return text.toString();
    }

    /** {@code {"healthy": ..., "pass": n, "fail": n, "skip": n, "checks": [...]}}. */
    public static String json(List<CheckResult> results) {
        ObjectNode root = JSON.createObjectNode()
                .put("healthy", healthy(results))
                .put("pass", count(results, Verdict.PASS))
                .put("fail", count(results, Verdict.FAIL))
                .put("skip", count(results, Verdict.SKIP));
        ArrayNode checks = root.putArray("checks");
        for (CheckResult result : results) {
            ObjectNode check = checks.addObject()
                    .put("id", result.id())
                    .put("verdict", result.verdict().name())
                    .put("summary", result.summary());
            ArrayNode evidence = check.putArray("evidence");
            result.evidence().forEach(evidence::add);
            check.put("remedy", result.remedy());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain nodes always serializes", e);
        }
    }

    private static long count(List<CheckResult> results, Verdict verdict) {
        return results.stream().filter(result -> result.verdict() == verdict).count();
    }
}
