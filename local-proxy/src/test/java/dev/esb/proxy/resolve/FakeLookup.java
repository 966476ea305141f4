package dev.esb.proxy.resolve;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A lookup whose answers the test gives by hand, one pending promise per call. */
final class FakeLookup implements NameLookup {
    final List<Promise<List<InetAddress>>> calls = new ArrayList<>();

    @Override
    public Future<List<InetAddress>> lookup(String host) {
        Promise<List<InetAddress>> promise = ImmediateEventExecutor.INSTANCE.newPromise();
        calls.add(promise);
        return promise;
    }

    Promise<List<InetAddress>> last() {
        return calls.get(calls.size() - 1);
    }
}
