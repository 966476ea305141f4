package dev.esb.agent.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeployerTest {

    @Test
    void findsTheFunctionOfATaskIdEvenWithDashesInItsName() {
        assertThat(Deployer.functionOf("py-a-1-6f61ec")).as("dashed name").isEqualTo("py-a");
        assertThat(Deployer.functionOf("hello-12-abcdef")).as("plain name").isEqualTo("hello");
        assertThat(Deployer.functionOf("odd")).as("foreign id").isEqualTo("odd");
    }
}
