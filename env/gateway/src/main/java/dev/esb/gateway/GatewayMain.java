package dev.esb.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.esb.gateway.tls.GatewayCertificates;

/**
 * The command line.
 *
 * <pre>
 *  java -jar gateway.jar                 run the gateway (configuration from the environment)
 *  java -jar gateway.jar certs [--dir D] write ca.pem, server.pem, server-key.pem into D (or GATEWAY_CERT_DIR),
 *                                        keeping files that already exist, and exit
 * </pre>
 *
 * Exit codes: 0 done, 1 failed at run time, 2 invalid configuration or arguments.
 */
public final class GatewayMain {
    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;
    private static final String USAGE = """
            Usage: java -jar gateway.jar [certs [--dir DIR]] [--help]
              (no command)  run the gateway; configuration comes from environment variables, see README.md
              certs         write ca.pem, server.pem and server-key.pem into DIR (default: GATEWAY_CERT_DIR)
                            unless all three exist already, print the directory, and exit""";

    private GatewayMain() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int status = run(List.of(args), System.getenv(), System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command line without exiting.
     *
     * @return the exit status, or -1 when the gateway keeps running in the background
     */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (!args.isEmpty() && "certs".equals(args.get(0))) {
            return certs(args.subList(1, args.size()), env, out, err);
        }
        if (!args.isEmpty()) {
            err.println("command: '" + String.join(" ", args) + "' (expected: no arguments, or certs [--dir DIR])");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        return serve(env, err);
    }

    private static int certs(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> effective = new HashMap<>(env);
        if (args.size() == 2 && "--dir".equals(args.get(0))) {
            effective.put("GATEWAY_CERT_DIR", args.get(1));
        } else if (!args.isEmpty()) {
            err.println("certs: '" + String.join(" ", args) + "' (expected: nothing, or --dir DIR)");
            return EXIT_USAGE;
        }

        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnvironment(effective);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return EXIT_USAGE;
        }
        Path dir = config.certificateDir();
        try {
            GatewayCertificates certificates = GatewayCertificates.loadOrIssue(dir, Gateway.serverNames(config));
            out.println(dir.toAbsolutePath());
            err.println("Server certificate names: " + certificates.serverAlternativeNames());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("Failed to write certificates into " + dir + ": " + e);
            return EXIT_FAILED;
        }
    }

    private static int serve(Map<String, String> env, PrintStream err) {
        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnvironment(env);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return EXIT_USAGE;
        }
        try {
            Gateway gateway = Gateway.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
            gateway.awaitClose();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("Failed to start the gateway: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILED;
        }
    }
}
