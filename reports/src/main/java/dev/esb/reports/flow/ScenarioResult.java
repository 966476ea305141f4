package dev.esb.reports.flow;

/**
 * One scenario test as Failsafe recorded it.
 *
 * @param className the simple class name
 * @param method the test method
 * @param outcome passed, failed (an assertion), error (anything else), or skipped
 * @param seconds its duration
 * @param message the first line of its failure, or empty
 */
public record ScenarioResult(String className, String method, Outcome outcome, double seconds, String message) {

    /** How one test ended. */
    public enum Outcome { PASSED, FAILED, ERROR, SKIPPED }

    boolean matches(String scenario) {
        int hash = scenario.indexOf('#');
        return hash < 0 ? className.equals(scenario)
                : className.equals(scenario.substring(0, hash)) && method.equals(scenario.substring(hash + 1));
    }
}
