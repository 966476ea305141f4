package dev.esb.runtime.doctor;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP request made with curl from the node's namespace, reduced to "answered with status N" or the
 * reason it did not answer.
 */
public final class HttpProbe {
    private final CommandRunner runner;

    /** Creates a probe that runs curl through {@code runner}. */
    public HttpProbe(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * What one request got.
     *
     * @param url the URL requested
     * @param curlExit curl's exit status
     * @param status the HTTP status, {@code 0} when none arrived
     * @param error curl's own message when it failed
     */
    public record Outcome(String url, int curlExit, int status, String error) {
        /** Whether any HTTP response came back. */
        public boolean answered() {
            return curlExit == 0 && status > 0;
        }

        /** Whether a 2xx response came back. */
        public boolean succeeded() {
            return answered() && status >= 200 && status < 300;
        }

        /** Whether the connection was refused (curl exit 7). */
        public boolean refused() {
            return curlExit == 7;
        }

        /** Whether the peer accepted and closed or reset without answering (curl exit 52 or 56). */
        public boolean closedWithoutAnswer() {
            return curlExit == 52 || curlExit == 56;
        }

        /** A line of evidence, such as {@code HTTP 200 from http://...} or the failure's meaning. */
        public String describe() {
            if (answered()) {
                return "HTTP " + status + " from " + url;
            }
            return url + ": " + meaning() + (error.isEmpty() ? "" : " (" + error + ")");
        }

        private String meaning() {
            return switch (curlExit) {
                case 6 -> "the host name did not resolve";
                case 7 -> "the connection was refused";
                case 28 -> "no answer before the timeout";
                case 35 -> "the TLS handshake failed";
                case 52 -> "the connection was closed without an answer";
                case 56 -> "the connection was reset";
                default -> "curl failed with exit status " + curlExit;
            };
        }
    }

    /** Requests {@code url}; {@code options} go before the URL, such as {@code -k}. */
    public Outcome get(String url, String... options) {
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "--connect-timeout", "2", "--max-time", "5"));
        argv.addAll(List.of(options));
        argv.add(url);

        CommandResult result = runner.run(argv, "");
        int status = result.stdout().strip().matches("\\d{3}") ? Integer.parseInt(result.stdout().strip()) : 0;
        String error = result.succeeded() ? "" : result.stderr().strip().replaceFirst("^curl: \\(\\d+\\) ", "");
        return new Outcome(url, result.exitCode(), status, error);
    }
}
