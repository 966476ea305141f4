package dev.esb.env.topology;

import java.util.Map;

/**
 * Labels on every container and network the environment creates. Ryuk cannot run here, so the owner's process id is
 * recorded: a later run removes what a dead process left behind, and leaves a live environment alone.
 */
public final class Labels {

    /** Present on everything the environment creates. */
    public static final String TESTBED = "dev.esb.testbed";

    /** The process id of the JVM that created it. */
    public static final String OWNER_PID = "dev.esb.owner-pid";

    /** The component name, for {@code docker ps --filter label=dev.esb.component=...}. */
    public static final String COMPONENT = "dev.esb.component";

    private Labels() {
    }

    static Map<String, String> forThisProcess(String component) {
        return Map.of(TESTBED, "true", OWNER_PID, Long.toString(ProcessHandle.current().pid()), COMPONENT, component);
    }

    static Map<String, String> forThisProcess() {
        return Map.of(TESTBED, "true", OWNER_PID, Long.toString(ProcessHandle.current().pid()));
    }
}
