package io.tributary.broker;

import io.tributary.broker.cli.DevCommand;
import io.tributary.broker.cli.ServerCommand;
import io.tributary.broker.cli.Usage;
import java.util.Arrays;
import java.util.List;

/**
 * The process entry point: {@code tributary server FILE}, {@code tributary dev}, {@code version},
 * {@code help}. Exit status: 0 after a clean stop, 1 when the node cannot start (a bad config names
 * its key), 2 for a command line it does not understand.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            Usage.print(System.err);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "server":
                return ServerCommand.run(rest);
            case "dev":
                return DevCommand.run(rest);
            case "version":
            case "--version":
                System.out.println(Version.describe());
                return 0;
            case "help":
            case "--help":
            case "-h":
                Usage.print(System.out);
                return 0;
            default:
                System.err.println("tributary: unknown command '" + args[0] + "'");
                Usage.print(System.err);
                return 2;
        }
    }
}
