package dev.esb.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esb.runtime.config.NodeVariables;
import dev.esb.runtime.plan.PlanText;
import dev.esb.runtime.plan.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's plan for the default variables is the program's real output, so it cannot rot. */
class ReadmeTest {
    @Test
    void readmeShowsTheRealPlanForTheDefaultVariables() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int marker = readme.indexOf("<!-- plan:defaults");
        int start = readme.indexOf("```\n", marker) + 4;
        int end = readme.indexOf("```\n", start);

        String expected = PlanText.render(Planner.plan(NodeVariables.read(Map.of())), NodeContext.DEFAULT_CNI_CONF_DIR);
        assertThat(marker).as("plan marker in README").isPositive();
        assertThat(readme.substring(start, end)).as("README plan block").isEqualTo(expected);
    }
}
