package dev.esb.reports.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowReportTest {

    @TempDir
    Path dir;

    private static final List<Flow> FLOWS = List.of(
            new Flow("1", "Client to gateway", List.of("host", "gateway"), List.of("LayoutIT#hostReachesTheGateway")),
            new Flow("5", "OUTPUT DNAT", List.of("netns", "10.88.0.1:9000", "local-proxy"),
                    List.of("LayoutIT#reachesS3ThroughDnat")),
            new Flow("2", "Gateway to worker", List.of("gateway", "worker"), List.of("InvokeIT")));

    @Test
    void aFlowPassesOnlyWhenEveryScenarioOfItPassed() throws Exception {
        FlowReport report = new FlowReport(FLOWS, FailsafeReports.read(sample()));

        assertThat(report.verdict(FLOWS.get(0))).as("flow with a passing scenario").isEqualTo(FlowReport.Verdict.PASS);
        assertThat(report.verdict(FLOWS.get(1))).as("flow with a failing scenario").isEqualTo(FlowReport.Verdict.FAIL);
        assertThat(report.verdict(FLOWS.get(2))).as("flow whose scenario never ran")
                .isEqualTo(FlowReport.Verdict.NOT_RUN);
        assertThat(report.allPass()).as("all flows pass").isFalse();
    }

    @Test
    void theMarkdownNamesTheHopsAndTheFirstLineOfTheFailure() throws Exception {
        String markdown = new FlowReport(FLOWS, FailsafeReports.read(sample())).markdown();

        assertThat(markdown).as("report")
                .contains("netns → 10.88.0.1:9000 → local-proxy")
                .contains("LayoutIT#reachesS3ThroughDnat failed (2.5 s): [HTTP status of S3 /healthz via 10.88.0.1]")
                .doesNotContain("second line")
                .contains("| 2: Gateway to worker | gateway → worker | NOT RUN | InvokeIT: not run |");
    }

    @Test
    void theGateFailsWhenAFlowDidNotPass() throws Exception {
        Path out = dir.resolve("flows.md");

        int written = FlowReportMain.run(List.of(sample().toString(), out.toString()), quiet(), quiet());
        int gated = FlowReportMain.run(List.of("--gate", sample().toString()), quiet(), quiet());

        assertThat(written).as("exit code without --gate").isZero();
        assertThat(Files.readString(out)).as("written report").startsWith("# Flow report");
        assertThat(gated).as("exit code with --gate while the catalogue's flows are not all passing").isEqualTo(1);
    }

    @Test
    void badArgumentsExitWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(FlowReportMain.run(List.of(), quiet(), new PrintStream(err, true)))
                .as("exit code without a directory")
                .isEqualTo(2);
        assertThat(err.toString()).as("error for missing arguments").contains("expected: [--gate]");
        assertThat(FlowReportMain.run(List.of(dir.resolve("missing").toString()), quiet(), quiet()))
                .as("exit code for a directory that does not exist")
                .isEqualTo(2);
    }

    @Test
    void theShippedCatalogueParsesAndEveryFlowHasHops() throws IOException {
        List<Flow> flows = FlowCatalogue.load();

        assertThat(flows).as("flows in flows.properties").extracting(Flow::id).contains("1", "5", "s3");
        assertThat(flows).as("flows without hops").allSatisfy(flow -> assertThat(flow.hops()).isNotEmpty());
    }

    @Test
    void aMalformedCatalogueLineIsNamed() {
        assertThatThrownBy(() -> FlowCatalogue.parse(List.of("flow.1.colour = red")))
                .as("a key that is not title, hops or scenarios")
                .hasMessageContaining("line 1: 'flow.1.colour = red'");
    }

    @Test
    void aPipeInAHopDoesNotBreakTheTable() throws Exception {
        Flow flow = new Flow("4", "ports", List.of("worker", "10.88.0.1:9000|8001"), List.of("LayoutIT"));

        assertThat(new FlowReport(List.of(flow), FailsafeReports.read(sample())).markdown())
                .as("report row of a hop with a pipe")
                .contains("10.88.0.1:9000\\|8001");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true);
    }

    private static Path sample() throws URISyntaxException {
        return Path.of(FlowReportTest.class.getResource("/failsafe").toURI());
    }
}
