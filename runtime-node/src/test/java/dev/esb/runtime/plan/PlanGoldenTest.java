package dev.esb.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esb.runtime.NodeContext;
import dev.esb.runtime.config.ConfigException;
import dev.esb.runtime.config.NodeVariables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The printed plan for every combination of the switches that shape it (each service's rule on or off,
 * OUTPUT rules on or off, hardened mode on or off), plus variations of the values, against reviewed golden
 * files in {@code src/test/resources/golden}. Regenerate after an intended change with
 * {@code -Dgolden.update=true} and review the diff.
 */
class PlanGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Arguments> combinations() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits = 0; bits < 32; bits++) {
            Map<String, String> variables = new LinkedHashMap<>();
            List<String> name = new ArrayList<>();
            String[] services = {"S3", "DB", "VL"};
            for (int i = 0; i < services.length; i++) {
                boolean enabled = (bits & (1 << i)) != 0;
                if (!enabled) {
                    variables.put("DNAT_" + services[i] + "_IP", "");
                }
                name.add(services[i].toLowerCase() + (enabled ? "" : "-off"));
            }
            boolean output = (bits & 8) != 0;
            boolean hardened = (bits & 16) != 0;
            variables.put("DNAT_APPLY_OUTPUT", output ? "1" : "0");
            variables.put("RUNTIME_NODE_HARDENED", hardened ? "1" : "0");
            name.add(output ? "output" : "output-off");
            name.add(hardened ? "hardened" : "open");
            cases.add(Arguments.of(String.join("_", name), variables));
        }

        cases.add(Arguments.of("defaults", Map.of()));
        cases.add(Arguments.of("seed-trap-db-port-8000", Map.of("DNAT_DB_PORT", "8000")));
        cases.add(Arguments.of("custom-gateway-and-ports", Map.of("CNI_GW_IP", "10.99.0.1", "DNAT_S3_DPORT", "19000",
                "DNAT_S3_PORT", "19000", "DNAT_VL_DPORT", "19428", "DNAT_VL_PORT", "19428")));
        cases.add(Arguments.of("direct-backend-targets", Map.of("DNAT_DB_IP", "172.18.0.5", "DNAT_DB_PORT", "8000",
                "DNAT_S3_IP", "172.18.0.6")));
        cases.add(Arguments.of("ip-masq-off", Map.of("CNI_IP_MASQ", "0")));
        cases.add(Arguments.of("logs-url-port-mismatch", Map.of("VICTORIALOGS_URL", "http://10.88.0.1:9429")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void printsThePlanOfTheGoldenFile(String name, Map<String, String> variables)
            throws ConfigException, IOException {
        NodePlan plan = Planner.plan(NodeVariables.read(variables));
        String rendered = PlanText.render(plan, NodeContext.DEFAULT_CNI_CONF_DIR);

        Path golden = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (generate with -Dgolden.update=true, then review)", golden).exists();
        assertThat(rendered).as("plan for %s", name).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
