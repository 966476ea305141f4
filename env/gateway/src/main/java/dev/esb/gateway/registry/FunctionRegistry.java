package dev.esb.gateway.registry;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.esb.gateway.dispatch.WorkerPool;

/**
 * The functions the gateway can invoke. Thread-safe; the agent changes it while invocations run.
 */
public final class FunctionRegistry {
    private static final Logger log = LoggerFactory.getLogger(FunctionRegistry.class);

    private final ConcurrentMap<String, RegisteredFunction> functions = new ConcurrentHashMap<>();
    private final int queueSize;
    private final int eventQueueSize;

    /**
     * @param queueSize how many synchronous invocations may wait for a worker, per function
     * @param eventQueueSize how many Event invocations may wait for a worker, per function
     */
    public FunctionRegistry(int queueSize, int eventQueueSize) {
        this.queueSize = queueSize;
        this.eventQueueSize = eventQueueSize;
    }

    /**
     * Registers a function or replaces its workers and timeout. Invocations already running on a removed worker
     * finish there; the worker is then forgotten.
     *
     * @return true when the function is new
     */
    public boolean put(FunctionDefinition definition) {
        boolean[] created = {false};
        functions.compute(definition.name(), (name, existing) -> {
            if (existing == null) {
                created[0] = true;
                return new RegisteredFunction(definition,
                        new WorkerPool(name, definition.workers(), queueSize, eventQueueSize));
            }
            existing.redefine(definition);
            return existing;
        });
        log.info("{} function {} with workers {} and timeout {}s", created[0] ? "Registered" : "Updated",
                definition.name(), definition.workers(), definition.timeoutSeconds());
        return created[0];
    }

    /**
     * Removes a function; invocations waiting for one of its workers fail as if it never existed.
     *
     * @return true when the function was registered
     */
    public boolean remove(String name) {
        RegisteredFunction removed = functions.remove(name);
        if (removed == null) {
            return false;
        }
        removed.pool().close();
        log.info("Removed function {}", name);
        return true;
    }

    /** The function registered under {@code name}. */
    public Optional<RegisteredFunction> find(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** All functions, sorted by name. */
    public List<RegisteredFunction> all() {
        Collection<RegisteredFunction> values = functions.values();
        return values.stream().sorted(Comparator.comparing(f -> f.definition().name())).toList();
    }
}
