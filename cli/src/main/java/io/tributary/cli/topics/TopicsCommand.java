package io.tributary.cli.topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tributary topics create|list|describe|alter|delete}, as {@code kafka-topics} does them. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create, list, describe, alter and delete topics.",
        subcommands = {CreateTopic.class, ListTopics.class, DescribeTopics.class, AlterTopic.class, DeleteTopics.class})
public final class TopicsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: create, list, describe, alter or delete");
    }
}
