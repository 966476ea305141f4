package dev.esb.runtime.doctor;

import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.NodePlan;
import dev.esb.runtime.plan.Sysctl;
import java.util.ArrayList;
import java.util.List;

/**
 * The planned kernel parameters whose key contains a given word hold their values: {@code route_localnet}
 * (without it the kernel drops DNATed packets to 127.0.0.1 as martians) or {@code ip_forward}.
 */
public final class SysctlCheck implements Check {
    private final NodeReader reader;
    private final NodePlan plan;
    private final String id;
    private final String keyword;

    /** Creates the check {@code id} for the planned sysctls whose key contains {@code keyword}. */
    public SysctlCheck(NodeReader reader, NodePlan plan, String id, String keyword) {
        this.reader = reader;
        this.plan = plan;
        this.id = id;
        this.keyword = keyword;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CheckResult run() {
        List<String> evidence = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Sysctl sysctl : plan.sysctls()) {
            if (!sysctl.key().contains(keyword)) {
                continue;
            }

            String value = reader.sysctl(sysctl.key()).orElse("(absent)");
            evidence.add(sysctl.key() + " = " + value + " (wanted " + sysctl.value() + ")");
            if (!value.equals(sysctl.value())) {
                wrong.add(sysctl.key() + " is " + value);
            }
        }

        if (wrong.isEmpty()) {
            return CheckResult.pass(id, "as planned", evidence);
        }
        String remedy = plan.config().hardened()
                ? "docker exec esb-runtime-node runtime-node apply (needs CAP_SYS_ADMIN to remount /proc/sys)"
                : "docker exec esb-runtime-node runtime-node apply with CAP_SYS_ADMIN, or start the container"
                        + " with --sysctl for each parameter above";
        return CheckResult.fail(id, String.join(", ", wrong), evidence, remedy);
    }
}
