package dev.esb.reports.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the {@code TEST-*.xml} files that Failsafe and Surefire write. */
final class FailsafeReports {

    private FailsafeReports() {
    }

    static List<ScenarioResult> read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("reports directory: '" + directory + "' does not exist (expected: the Failsafe"
                    + " reports of a scenario run, e.g. scenarios/target/failsafe-reports)");
        }

        List<ScenarioResult> results = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "TEST-*.xml")) {
            for (Path file : files) {
                results.addAll(parse(file));
            }
        }
        return results;
    }

    private static List<ScenarioResult> parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList cases = factory.newDocumentBuilder().parse(in).getElementsByTagName("testcase");

            List<ScenarioResult> results = new ArrayList<>();
            for (int i = 0; i < cases.getLength(); i++) {
                results.add(toResult((Element) cases.item(i)));
            }
            return results;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("report: '" + file + "' is not a Failsafe XML report", e);
        }
    }

    private static ScenarioResult toResult(Element testCase) {
        String className = testCase.getAttribute("classname");
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String method = testCase.getAttribute("name").replaceFirst("\\(.*$", "");
        double seconds = testCase.getAttribute("time").isEmpty() ? 0
                : Double.parseDouble(testCase.getAttribute("time").replace(",", ""));

        for (String tag : List.of("failure", "error", "skipped")) {
            NodeList problems = testCase.getElementsByTagName(tag);
            if (problems.getLength() > 0) {
                Element problem = (Element) problems.item(0);
                String message = problem.getAttribute("message");
                if (message.isEmpty()) {
                    message = problem.getTextContent();
                }
                return new ScenarioResult(simpleName, method, outcomeOf(tag), seconds, firstLine(message));
            }
        }
        return new ScenarioResult(simpleName, method, ScenarioResult.Outcome.PASSED, seconds, "");
    }

    private static ScenarioResult.Outcome outcomeOf(String tag) {
        return switch (tag) {
            case "failure" -> ScenarioResult.Outcome.FAILED;
            case "error" -> ScenarioResult.Outcome.ERROR;
            default -> ScenarioResult.Outcome.SKIPPED;
        };
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
