package dev.esb.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the benchmark's Java side.
 *
 * <pre>
 * java -jar proxy-loadgen-all.jar echo IP:PORT    # echo backend, runs until killed
 * java -jar proxy-loadgen-all.jar client          # reads commands on stdin, answers one JSON line each
 * java -jar proxy-loadgen-all.jar relay LISTEN BACKEND [LISTEN BACKEND]...  # bare Netty NIO relay (the floor)
 * </pre>
 *
 * <p>The client stays up for a whole benchmark run so that its JIT is warm for every path alike; the driver
 * (reports/benchmark/run) sends it commands such as {@code cps 127.0.0.1:24100 4 16}.
 */
public final class LoadgenMain {
    private LoadgenMain() {
    }

    /** Runs the echo backend or the command-driven client; exit code 2 for bad arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("echo")) {
            EchoBackend.run(address(args[1]));
            return;
        }
        if (args.length >= 3 && args.length % 2 == 1 && args[0].equals("relay")) {
            List<InetSocketAddress> routes = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                routes.add(address(args[i]));
            }
            BareRelay.run(routes);
            return;
        }
        if (args.length == 1 && args[0].equals("client")) {
            runClient();
            return;
        }
        System.err.println("usage: loadgen echo IP:PORT | loadgen client | loadgen relay LISTEN BACKEND [LISTEN BACKEND]...");
        System.exit(2);
    }

    private static void runClient() throws Exception {
        // One I/O thread: the load shares a core with the backend, and the proxy under test has the other one.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("load"),
                EpollIoHandler.newFactory());
        IdleConnections idle = new IdleConnections(group);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        String line;
        while ((line = commands.readLine()) != null) {
            String[] word = line.trim().split("\\s+");
            String answer;
            try {
                answer = switch (word[0]) {
                    case "cps" -> ConnectionRate.measure(group, address(word[1]), seconds(word[2]),
                            Integer.parseInt(word[3]));
                    case "latency" -> RequestLatency.measure(group, address(word[1]), seconds(word[2]),
                            Integer.parseInt(word[3]), Integer.parseInt(word[4]), Integer.parseInt(word[5]));
                    case "idle-open" -> idle.open(address(word[1]), Integer.parseInt(word[2]));
                    case "idle-close" -> idle.close();
                    case "quit" -> null;
                    default -> "{\"error\":\"command: '" + word[0]
                            + "' (expected: cps, latency, idle-open, idle-close or quit)\"}";
                };
            } catch (Exception e) {
                answer = "{\"error\":\"" + String.valueOf(e).replace('"', '\'') + "\"}";
            }
            if (answer == null) {
                break;
            }
            System.out.println(answer);
            System.out.flush();
        }
        group.shutdownGracefully().sync();
    }

    private static double seconds(String text) {
        return Double.parseDouble(text);
    }

    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address: '" + text + "' (expected: IP:PORT)");
        }
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
