package dev.esb.runtime;

import dev.esb.runtime.apply.ApplyCommand;
import dev.esb.runtime.apply.StatusCommand;
import dev.esb.runtime.containerd.RunCommand;
import dev.esb.runtime.doctor.DoctorCommand;
import dev.esb.runtime.host.ProcessCommandRunner;
import dev.esb.runtime.plan.PlanCommand;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The runtime-node command line: {@code plan}, {@code apply}, {@code status}, {@code run} (the container
 * entrypoint) and {@code doctor}. Every subcommand reads the same environment variables.
 */
@Command(name = "runtime-node", mixinStandardHelpOptions = true, version = "runtime-node 0.1.0",
        description = "DNAT rules, route_localnet, CNI bridge and containerd for the ESB runtime node.")
public final class RuntimeNodeMain implements Runnable {
    /** How long any single external command may run before it is killed. */
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: plan, apply, status, run or doctor");
    }

    /** The command line with every subcommand bound to {@code context}. */
    public static CommandLine commandLine(NodeContext context) {
        return new CommandLine(new RuntimeNodeMain())
                .addSubcommand(new PlanCommand(context))
                .addSubcommand(new ApplyCommand(context))
                .addSubcommand(new StatusCommand(context))
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new DoctorCommand(context));
    }

    public static void main(String[] args) {
        String cniConfDir = System.getenv().getOrDefault(NodeContext.CNI_CONF_DIR,
                NodeContext.DEFAULT_CNI_CONF_DIR.toString());
        NodeContext context = new NodeContext(System.getenv(), new ProcessCommandRunner(COMMAND_DEADLINE),
                Path.of(cniConfDir));
        System.exit(commandLine(context).execute(args));
    }
}
