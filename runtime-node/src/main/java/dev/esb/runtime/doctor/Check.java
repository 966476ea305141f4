package dev.esb.runtime.doctor;

/** One item of the troubleshooting checklist. */
public interface Check {
    /** The check's stable name, such as {@code route-localnet}. */
    String id();

    /** Looks at the node and gives a verdict with evidence; may throw, which the doctor reports as FAIL. */
    CheckResult run() throws Exception;
}
