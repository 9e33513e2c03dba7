package io.tributary.metadata.controller;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicNamesTest {

    @Test
    void legalNames() {
        assertThat(TopicNames.invalidReason("a")).isEmpty();
        assertThat(TopicNames.invalidReason("__consumer_offsets")).isEmpty();
        assertThat(TopicNames.invalidReason("A-z.0_9")).isEmpty();
        assertThat(TopicNames.invalidReason("...")).as("only . and .. are reserved").isEmpty();
    }

    @Test
    void illegalNames() {
        assertThat(TopicNames.invalidReason("")).contains("Topic name is illegal, it can't be empty");
        assertThat(TopicNames.invalidReason("a/b")).isPresent();
        assertThat(TopicNames.invalidReason("a\u0000")).isPresent();
        assertThat(TopicNames.invalidReason("x".repeat(250))).isPresent();
    }
}
