package io.tributary.cli.groups;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tributary groups list|describe|reset-offsets}, as {@code kafka-consumer-groups} does them. */
@Command(name = "groups", mixinStandardHelpOptions = true, description = "List and describe consumer groups, and move their offsets.",
        subcommands = {ListGroups.class, DescribeGroup.class, ResetOffsets.class})
public final class GroupsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: list, describe or reset-offsets");
    }
}
