package io.tributary.metadata.controller.api;

import io.tributary.common.TopicPartition;

import java.util.List;
import java.util.Objects;

/**
 * ElectLeaders: move leadership to the preferred replica, or elect a leader for leaderless
 * partitions even outside the ISR.
 *
 * @param partitions the partitions, or {@code null} for every partition of every topic
 */
public record ElectLeadersRequest(ElectionType type, List<TopicPartition> partitions)
        implements ControllerCommand<ElectLeadersResponse> {

    public ElectLeadersRequest {
        Objects.requireNonNull(type, "type");
        partitions = partitions == null ? null : List.copyOf(partitions);
    }

    /** Kafka's election types and wire codes. */
    public enum ElectionType {
        PREFERRED(0), UNCLEAN(1);

        private final byte code;

        ElectionType(int code) {
            this.code = (byte) code;
        }

        public byte code() {
            return code;
        }
    }
}
