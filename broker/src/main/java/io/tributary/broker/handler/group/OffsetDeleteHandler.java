package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.PartitionResult;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.wire.api.offsetdelete.OffsetDeleteRequest;
import io.tributary.wire.api.offsetdelete.OffsetDeleteResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetDelete ({@code kafka-consumer-groups --delete-offsets}): partitions of unknown topics are
 * refused here with UNKNOWN_TOPIC_OR_PARTITION, as Kafka does; the rest go to the group's coordinator.
 */
public final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequest, OffsetDeleteResponse> {

    private final MetadataView metadata;
    private final GroupCoordinatorRuntime coordinator;

    public OffsetDeleteHandler(MetadataView metadata, GroupCoordinatorRuntime coordinator) {
        this.metadata = metadata;
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<OffsetDeleteResponse> handle(RequestContext ctx, OffsetDeleteRequest r) {
        MetadataImage image = metadata.image();
        List<TopicPartition> partitions = new ArrayList<>();
        for (OffsetDeleteRequest.Topic t : r.topics()) {
            if (image.topic(t.name()) != null) {
                for (int p : t.partitions()) {
                    partitions.add(new TopicPartition(t.name(), p));
                }
            }
        }
        String groupId = GroupWire.orEmpty(r.groupId());
        var request = new io.tributary.coordinator.api.OffsetDeleteRequest(groupId, partitions);
        return coordinator.handle(groupId, request).thenApply(resp -> {
            var d = (io.tributary.coordinator.api.OffsetDeleteResponse) resp;
            if (d.error() != ErrorCode.NONE) {
                return new OffsetDeleteResponse(d.error(), 0, List.of());
            }
            Map<TopicPartition, ErrorCode> results = new HashMap<>();
            for (PartitionResult pr : d.partitions()) {
                results.put(pr.partition(), pr.error());
            }
            List<OffsetDeleteResponse.Topic> topics = new ArrayList<>(r.topics().size());
            for (OffsetDeleteRequest.Topic t : r.topics()) {
                List<OffsetDeleteResponse.Partition> parts = new ArrayList<>(t.partitions().size());
                for (int p : t.partitions()) {
                    parts.add(new OffsetDeleteResponse.Partition(p,
                            results.getOrDefault(new TopicPartition(t.name(), p), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)));
                }
                topics.add(new OffsetDeleteResponse.Topic(t.name(), parts));
            }
            return new OffsetDeleteResponse(ErrorCode.NONE, 0, topics);
        });
    }
}
