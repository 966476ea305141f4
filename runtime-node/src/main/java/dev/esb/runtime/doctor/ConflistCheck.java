package dev.esb.runtime.doctor;

import dev.esb.runtime.plan.NodePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CNI conflist is the planned one, and it is the first configuration in the directory: CNI clients take
 * the configuration files in name order.
 */
public final class ConflistCheck implements Check {
    private final Path directory;
    private final NodePlan plan;

    /** Creates the check for the conflist in {@code directory}. */
    public ConflistCheck(Path directory, NodePlan plan) {
        this.directory = directory;
        this.plan = plan;
    }

    @Override
    public String id() {
        return "cni-conflist";
    }

    @Override
    public CheckResult run() throws IOException {
        Path file = directory.resolve(NodePlan.CONFLIST_FILE);
        if (!Files.isRegularFile(file)) {
            return CheckResult.fail(id(), file + " is missing", List.of(), DnatRulesCheck.REMEDY);
        }
        if (!Files.readString(file, StandardCharsets.UTF_8).equals(plan.conflist())) {
            return CheckResult.fail(id(), file + " differs from the plan", List.of("see: runtime-node plan"),
                    DnatRulesCheck.REMEDY);
        }

        List<String> configs;
        try (Stream<Path> files = Files.list(directory)) {
            configs = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".conflist") || name.endsWith(".conf") || name.endsWith(".json"))
                    .sorted()
                    .toList();
        }
        if (!configs.get(0).equals(NodePlan.CONFLIST_FILE)) {
            return CheckResult.fail(id(), configs.get(0) + " sorts before " + NodePlan.CONFLIST_FILE
                    + ", so CNI clients use it instead", configs, "remove " + directory.resolve(configs.get(0)));
        }
        return CheckResult.pass(id(), file + " matches the plan and is the first configuration", configs);
    }
}
