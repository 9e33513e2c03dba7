package io.tributary.cli;

import io.tributary.cli.cluster.ClusterCommand;
import io.tributary.cli.cluster.ElectLeadersCommand;
import io.tributary.cli.consume.ConsumeCommand;
import io.tributary.cli.drill.DrillCommand;
import io.tributary.cli.groups.GroupsCommand;
import io.tributary.cli.produce.ProduceCommand;
import io.tributary.cli.topics.TopicsCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The client commands of {@code ./tributary}: they talk to any Kafka-compatible cluster through the
 * official Admin, producer and consumer. The launcher sends {@code topics}, {@code produce},
 * {@code consume}, {@code groups}, {@code cluster}, {@code elect-leaders} and {@code drill} here.
 *
 * <p>Exit status, for scripts: {@value #OK} when the command did what it was asked;
 * {@value #FAILED} when it could not (the cluster refused, a topic does not exist, a partition's
 * election failed), with one line on stderr naming the cause; {@value #USAGE} when the command line
 * itself is wrong. {@code drill} adds its own verdicts ({@link io.tributary.cli.drill.DrillReport}):
 * 3 when an acknowledged record was lost, 4 when a partition did not recover.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Client commands for any Kafka-compatible cluster (Tributary, Kafka, ...).",
        footer = {"", "Exit status: 0 done, 1 failed (one line on stderr says why), 2 bad command line;",
                "drill: 3 an acknowledged record was lost, 4 a partition did not recover.",
                "Full reference: docs/cli.md"},
        subcommands = {TopicsCommand.class, ProduceCommand.class, ConsumeCommand.class, GroupsCommand.class,
                ClusterCommand.class, ElectLeadersCommand.class, DrillCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with this tool's exit codes and one-line errors; tests run it with their own streams. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            String bootstrap = command.getCommand() instanceof ClientCommand client
                    ? client.connection().bootstrap() : ConnectionOptions.DEFAULT_BOOTSTRAP;
            command.getErr().println("tributary: " + Errors.oneLine(e, bootstrap));
            command.getErr().flush();
            return FAILED;
        });
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("tributary: " + e.getMessage());
            err.println("see: tributary " + qualifiedName(command) + " --help");
            err.flush();
            return USAGE;
        });
        return line;
    }

    private static String qualifiedName(CommandLine command) {
        String name = command.getCommandSpec().qualifiedName(" ");
        return name.startsWith("tributary ") ? name.substring("tributary ".length()) : "";
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"tributary-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
