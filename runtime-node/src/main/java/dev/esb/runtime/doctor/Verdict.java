package dev.esb.runtime.doctor;

/** The outcome of one doctor check. */
public enum Verdict {
    /** The condition holds. */
    PASS,
    /** The condition does not hold; the result names the cause and a remedy. */
    FAIL,
    /** The check does not apply to these variables (for example no rule for a service); the result says why. */
    SKIP
}
