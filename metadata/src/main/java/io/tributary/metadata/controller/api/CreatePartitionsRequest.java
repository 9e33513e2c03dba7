package io.tributary.metadata.controller.api;

import java.util.List;
import java.util.Objects;

/** CreatePartitions: raise each topic's partition count to {@code count}. */
public record CreatePartitionsRequest(List<Topic> topics, boolean validateOnly)
        implements ControllerCommand<CreatePartitionsResponse> {

    public CreatePartitionsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param assignments {@code null} for automatic placement, or the replicas of each new partition
     *                    in order (one list per added partition)
     */
    public record Topic(String name, int count, List<List<Integer>> assignments) {
        public Topic {
            Objects.requireNonNull(name, "name");
        }
    }
}
