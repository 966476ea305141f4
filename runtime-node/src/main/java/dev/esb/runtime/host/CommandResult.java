package dev.esb.runtime.host;

/**
 * What an external command left behind.
 *
 * @param exitCode the process exit status
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
public record CommandResult(int exitCode, String stdout, String stderr) {
    /** Exit status used when the program could not be started at all (as a shell reports it). */
    public static final int NOT_FOUND = 127;

    /** A successful result with {@code stdout}. */
    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "");
    }

    /** A failed result with {@code stderr}. */
    public static CommandResult failed(int exitCode, String stderr) {
        return new CommandResult(exitCode, "", stderr);
    }

    /** Whether the command exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The first non-blank line of stderr, else of stdout, for one-line error reports. */
    public String firstErrorLine() {
        for (String stream : new String[] {stderr, stdout}) {
            for (String line : stream.split("\n")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        }
        return "exit status " + exitCode;
    }
}
