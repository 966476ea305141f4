package dev.esb.scenarios.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.esb.env.topology.EsbEnvironment;

/**
 * Hands every scenario the one environment of this test JVM. It boots on first use; a failed boot fails each
 * scenario with the component's state and output, never a skip.
 */
public final class SharedEnvironment implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EsbEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return EsbEnvironment.shared();
    }
}
