package dev.esb.reports.flow;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the flow-by-hop report of a scenario run and, with {@code --gate}, fails unless every flow passed.
 *
 * <p>Usage: {@code FlowReportMain [--gate] <failsafe-reports-dir> [<output.md>]}. Exit codes: 0 written (and, with
 * {@code --gate}, every flow passed); 1 a flow failed or did not run under {@code --gate}; 2 bad arguments or input.
 */
public final class FlowReportMain {

    private FlowReportMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean gate = args.contains("--gate");
        List<String> paths = args.stream().filter(arg -> !arg.equals("--gate")).toList();
        if (paths.isEmpty() || paths.size() > 2 || paths.stream().anyMatch(arg -> arg.startsWith("--"))) {
            err.println("flow-report: arguments: '" + String.join(" ", args)
                    + "' (expected: [--gate] <failsafe-reports-dir> [<output.md>])");
            return 2;
        }

        FlowReport report;
        try {
            report = new FlowReport(FlowCatalogue.load(), FailsafeReports.read(Path.of(paths.get(0))));
            String markdown = report.markdown();
            out.print(markdown);
            if (paths.size() == 2) {
                Files.writeString(Path.of(paths.get(1)), markdown);
            }
        } catch (IOException e) {
            err.println("flow-report: " + e.getMessage());
            return 2;
        }
        return gate && !report.allPass() ? 1 : 0;
    }
}
