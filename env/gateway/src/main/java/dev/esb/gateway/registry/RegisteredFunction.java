package dev.esb.gateway.registry;

import dev.esb.gateway.dispatch.WorkerPool;

/**
 * A function known to the gateway: its current definition and the pool that hands out its workers.
 */
public final class RegisteredFunction {
    private final WorkerPool pool;
    private volatile FunctionDefinition definition;

    RegisteredFunction(FunctionDefinition definition, WorkerPool pool) {
        this.definition = definition;
        this.pool = pool;
    }

    /** The definition as last registered. */
    public FunctionDefinition definition() {
        return definition;
    }

    /** The pool of this function's workers. */
    public WorkerPool pool() {
        return pool;
    }

    void redefine(FunctionDefinition replacement) {
        definition = replacement;
        pool.replaceWorkers(replacement.workers());
    }
}
