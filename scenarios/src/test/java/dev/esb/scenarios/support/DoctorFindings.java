package dev.esb.scenarios.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.testcontainers.containers.Container.ExecResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.env.node.RuntimeNodeContainer;

/**
 * One run of {@code runtime-node doctor --json}: its exit status and each check's verdict, summary, evidence and
 * remedy, looked up by the check's id.
 */
public final class DoctorFindings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecResult result;
    private final JsonNode report;

    private DoctorFindings(ExecResult result, JsonNode report) {
        this.result = result;
        this.report = report;
    }

    /** Runs doctor in the node under its own variables. */
    public static DoctorFindings examine(RuntimeNodeContainer node) throws IOException, InterruptedException {
        return examine(node, Map.of());
    }

    /** Runs doctor in the node with variables that override the container's. */
    public static DoctorFindings examine(RuntimeNodeContainer node, Map<String, String> variables)
            throws IOException, InterruptedException {
        ExecResult result = RuntimeNodeCli.run(node, variables, "doctor", "--json");
        try {
            return new DoctorFindings(result, JSON.readTree(result.getStdout()));
        } catch (IOException e) {
            throw new UncheckedIOException("doctor --json printed no JSON: " + RuntimeNodeCli.describe(result), e);
        }
    }

    public int exitCode() {
        return result.getExitCode();
    }

    /** PASS, FAIL or SKIP of one check. */
    public String verdict(String check) {
        return check(check).path("verdict").asText();
    }

    public String summary(String check) {
        return check(check).path("summary").asText();
    }

    public String remedy(String check) {
        return check(check).path("remedy").asText();
    }

    public List<String> evidence(String check) {
        List<String> lines = new ArrayList<>();
        check(check).path("evidence").forEach(line -> lines.add(line.asText()));
        return lines;
    }

    /** The ids of every failed check. */
    public List<String> failed() {
        List<String> ids = new ArrayList<>();
        report.path("checks").forEach(check -> {
            if ("FAIL".equals(check.path("verdict").asText())) {
                ids.add(check.path("id").asText());
            }
        });
        return ids;
    }

    private JsonNode check(String id) {
        for (JsonNode check : report.path("checks")) {
            if (id.equals(check.path("id").asText())) {
                return check;
            }
        }
        throw new AssertionError("doctor has no check '" + id + "': " + report);
    }

    /** The whole report, for assertion descriptions. */
    @Override
    public String toString() {
        return RuntimeNodeCli.describe(result);
    }
}
