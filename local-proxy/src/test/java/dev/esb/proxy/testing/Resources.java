package dev.esb.proxy.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test opened (proxies, backends, sockets), closed after each test in reverse order. Register it with
 * {@code @RegisterExtension} and wrap each resource in {@link #track}.
 */
public final class Resources implements AfterEachCallback {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Closes {@code resource} after the test; returns it for chaining. */
    public <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
