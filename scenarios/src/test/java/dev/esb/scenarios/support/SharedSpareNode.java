package dev.esb.scenarios.support;

import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.esb.env.topology.EsbEnvironment;

/**
 * Hands scenarios the one spare node of this test run: {@value #NAME} with local-proxy, a gateway and an S3 server
 * of its own ({@value #S3_ALIAS}), booted on first use beside the shared environment. It lives in JUnit's root
 * store, so it is removed when the run ends, before the environment's network goes. Every scenario that breaks it
 * repairs it before it ends, so the next one starts from a healthy node.
 */
public final class SharedSpareNode implements ParameterResolver {

    public static final String NAME = "esb-spare-node";
    /** The DNS name of the spare node's own S3 server, which scenarios disconnect to make it unresolvable. */
    public static final String S3_ALIAS = "s3-spare";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SpareNode.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SpareNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A failed boot is stored too, so that later scenarios report it instead of booting again.
        Object spare = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(NAME, name -> boot());
        if (spare instanceof RuntimeException failure) {
            throw failure;
        }
        return spare;
    }

    private static Object boot() {
        String backend = S3_ALIAS + ":9000";
        try {
            return SpareNode.start(EsbEnvironment.shared(), NAME,
                    Map.of("LOCAL_PROXY_S3_BACKEND", backend),
                    Map.of("LOCAL_PROXY_ROUTE_S3", "listen 127.0.0.1:9000 backend " + backend),
                    true, S3_ALIAS);
        } catch (RuntimeException e) {
            return e;
        }
    }
}
