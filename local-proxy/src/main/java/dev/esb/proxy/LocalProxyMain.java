package dev.esb.proxy;

import ch.qos.logback.classic.Level;
import dev.esb.proxy.config.ConfigException;
import dev.esb.proxy.config.ConfigParser;
import dev.esb.proxy.config.ConfigPrinter;
import dev.esb.proxy.config.LogLevel;
import dev.esb.proxy.config.ProxyConfig;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Command line entry point.
 *
 * <pre>
 * java -jar local-proxy.jar [--config PATH] [--check]
 * </pre>
 *
 * The config path comes from {@code --config}, else from {@code LOCAL_PROXY_CONFIG}, else the built-in default
 * (the three seed routes) is used. Exit codes: 0 after a clean stop or a passing {@code --check}, 1 when the
 * proxy cannot start (e.g. a listen address is taken), 2 for invalid arguments or configuration.
 */
public final class LocalProxyMain {
    /** Exit code for bad arguments or configuration. */
    public static final int EXIT_INVALID = 2;

    /** Exit code for a valid configuration that could not be started. */
    public static final int EXIT_START_FAILED = 1;

    /** Classpath resource holding the default configuration. */
    public static final String DEFAULT_CONFIG_RESOURCE = "/local-proxy.cfg";

    private static final String USAGE = """
            usage: local-proxy [--config PATH] [--check]
              --config PATH  config file (default: $LOCAL_PROXY_CONFIG, else the built-in seed routes)
              --check        validate, print the effective configuration and exit (0 valid, 2 invalid)
              --help         print this text
            """;

    private LocalProxyMain() {
    }

    /** Runs the proxy until SIGTERM or SIGINT, or checks the configuration with {@code --check}. */
    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        // Exit only on failure: after a signal the JVM is already shutting down and exit() would block.
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Does what {@link #main} does and returns the exit code instead of exiting.
     *
     * @return 0, {@link #EXIT_START_FAILED} or {@link #EXIT_INVALID}
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Invocation invocation;
        ProxyConfig config;
        try {
            invocation = Invocation.parse(args);
            if (invocation.help()) {
                out.print(USAGE);
                return 0;
            }
            config = load(invocation, env);
        } catch (ConfigException e) {
            err.println("local-proxy: " + e.getMessage());
            return EXIT_INVALID;
        }

        if (invocation.check()) {
            out.println("# effective configuration from " + source(invocation, env));
            out.print(ConfigPrinter.print(config));
            return 0;
        }
        applyLogLevel(config.logLevel());

        LocalProxy proxy;
        try {
            proxy = LocalProxy.start(config);
        } catch (ProxyStartException | IllegalStateException e) {
            err.println("local-proxy: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> proxy.drain(config.drainGrace()), "local-proxy-drain"));
        try {
            proxy.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Reads the config named by the invocation or the environment, else the built-in one. */
    static ProxyConfig load(Invocation invocation, Map<String, String> env) {
        String name;
        Path path;
        if (invocation.configPath() != null) {
            name = "--config";
            path = Path.of(invocation.configPath());
        } else if (env.get(ConfigParser.CONFIG_PATH_ENV) != null && !env.get(ConfigParser.CONFIG_PATH_ENV).isBlank()) {
            name = ConfigParser.CONFIG_PATH_ENV;
            path = Path.of(env.get(ConfigParser.CONFIG_PATH_ENV));
        } else {
            return ConfigParser.parse(defaultConfigText(), "built-in local-proxy.cfg", env);
        }

        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(name + ": '" + path + "' (expected: a readable config file; "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return ConfigParser.parse(text, path.toString(), env);
    }

    /** The built-in default configuration text. */
    public static String defaultConfigText() {
        try (InputStream in = LocalProxyMain.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks its default config " + DEFAULT_CONFIG_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read the built-in config " + DEFAULT_CONFIG_RESOURCE, e);
        }
    }

    private static String source(Invocation invocation, Map<String, String> env) {
        if (invocation.configPath() != null) {
            return invocation.configPath();
        }
        String fromEnv = env.get(ConfigParser.CONFIG_PATH_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "the built-in default";
    }

    private static void applyLogLevel(LogLevel level) {
        if (LoggerFactory.getLogger("dev.esb.proxy") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(Level.toLevel(level.name()));
        }
    }

    /** Parsed command line arguments. */
    record Invocation(String configPath, boolean check, boolean help) {
        static Invocation parse(String[] args) {
            String configPath = null;
            boolean check = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--check")) {
                    check = true;
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    help = true;
                } else if (arg.equals("--config") && i + 1 < args.length) {
                    configPath = args[++i];
                } else if (arg.startsWith("--config=") && arg.length() > "--config=".length()) {
                    configPath = arg.substring("--config=".length());
                } else {
                    throw new ConfigException("argument: '" + arg + "' (expected: --config PATH, --check or --help)");
                }
            }
            return new Invocation(configPath, check, help);
        }
    }
}
