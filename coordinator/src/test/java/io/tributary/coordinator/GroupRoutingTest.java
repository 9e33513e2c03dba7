package io.tributary.coordinator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupRoutingTest {

    @Test
    void groupsLandWhereKafkaPutsThem() {
        // Kafka: Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions.
        assertThat(GroupRouting.partitionFor("my-group", 50)).isEqualTo(Math.abs("my-group".hashCode()) % 50);
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(GroupRouting.partitionFor("polygenelubricants", 50)).as("Utils.abs(MIN_VALUE) is 0").isZero();
        assertThat(GroupRouting.partitionFor("", 7)).isZero();
    }
}
