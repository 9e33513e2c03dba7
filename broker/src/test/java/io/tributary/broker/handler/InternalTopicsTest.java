package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class InternalTopicsTest {

    @Test
    void internalTopicsGetTheConfiguredFactorCappedAtTheLiveBrokers() {
        assertThat(InternalTopics.replicationFactor(3, 5)).isEqualTo((short) 3);
        assertThat(InternalTopics.replicationFactor(3, 3)).isEqualTo((short) 3);
        assertThat(InternalTopics.replicationFactor(3, 2)).isEqualTo((short) 2);
        assertThat(InternalTopics.replicationFactor(3, 1)).isEqualTo((short) 1);
        assertThat(InternalTopics.replicationFactor(3, 0)).as("no live broker: creation fails at the controller").isEqualTo((short) 1);
        assertThatThrownBy(() -> InternalTopics.replicationFactor(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kafkasInternalTopicsAreInternal() {
        assertThat(InternalTopics.isInternal("__consumer_offsets")).isTrue();
        assertThat(InternalTopics.isInternal("__transaction_state")).isTrue();
        assertThat(InternalTopics.isInternal("orders")).isFalse();
    }

    @Test
    void consumerOffsetsIsCreatedAsKafkaCreatesIt() {
        var t = InternalTopics.consumerOffsets(50, 3, 2);
        assertThat(t.name()).isEqualTo("__consumer_offsets");
        assertThat(t.numPartitions()).isEqualTo(50);
        assertThat(t.replicationFactor()).as("3 asked, 2 brokers live").isEqualTo(2);
        assertThat(t.configs()).containsEntry("cleanup.policy", "compact").containsEntry("segment.bytes", "104857600");
        assertThatThrownBy(() -> InternalTopics.consumerOffsets(0, 3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupsPartitionIsKafkasAbsoluteHashModuloThePartitionCount() {
        for (String group : List.of("", "payments", "console-consumer-12345", "polygenelubricants", "GydZG_", "\u00e9t\u00e9")) {
            for (int partitions : new int[] {1, 3, 50, 64}) {
                assertThat(InternalTopics.consumerOffsetsPartition(group, partitions)).as("%s over %d partitions", group, partitions)
                        .isEqualTo(Utils.abs(group.hashCode()) % partitions);
            }
        }
        assertThat("polygenelubricants".hashCode()).as("a hash Math.abs cannot make positive").isEqualTo(Integer.MIN_VALUE);
        assertThat(InternalTopics.consumerOffsetsPartition("polygenelubricants", 50)).isZero();
        assertThatThrownBy(() -> InternalTopics.consumerOffsetsPartition("g", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
