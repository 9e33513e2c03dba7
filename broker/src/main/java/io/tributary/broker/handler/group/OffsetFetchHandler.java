package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.OffsetFetchResponse.FetchedOffset;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.api.offsetfetch.OffsetFetchRequest;
import io.tributary.wire.api.offsetfetch.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch: each group of the request (several from v8) goes to its own coordinator, so a group
 * this broker does not coordinate gets NOT_COORDINATOR while the others are answered. Partitions
 * without a committed offset answer offset -1; a v10 topic id this broker does not know answers
 * UNKNOWN_TOPIC_ID. Versions 10+ name topics by id, so "all topics" answers carry each topic's id.
 */
public final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequest, OffsetFetchResponse> {

    private final MetadataView metadata;
    private final GroupCoordinatorRuntime coordinator;

    public OffsetFetchHandler(MetadataView metadata, GroupCoordinatorRuntime coordinator) {
        this.metadata = metadata;
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<OffsetFetchResponse> handle(RequestContext ctx, OffsetFetchRequest r) {
        MetadataImage image = metadata.image();
        boolean byId = ctx.header().apiVersion() >= 10;
        List<CompletableFuture<OffsetFetchResponse.Group>> groups = new ArrayList<>(r.groups().size());
        for (OffsetFetchRequest.Group g : r.groups()) {
            groups.add(fetch(image, byId, g, r.requireStable()));
        }
        return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<OffsetFetchResponse.Group> out = new ArrayList<>(groups.size());
            for (CompletableFuture<OffsetFetchResponse.Group> f : groups) {
                out.add(f.join());
            }
            return new OffsetFetchResponse(0, out);
        });
    }

    private CompletableFuture<OffsetFetchResponse.Group> fetch(MetadataImage image, boolean byId, OffsetFetchRequest.Group g,
                                                              boolean requireStable) {
        String groupId = GroupWire.orEmpty(g.groupId());
        List<TopicPartition> partitions = null;
        Map<OffsetFetchRequest.Topic, String> names = new HashMap<>();
        if (!g.allTopics()) {
            partitions = new ArrayList<>();
            for (OffsetFetchRequest.Topic t : g.topics()) {
                String name = t.topic().hasId() ? nameOf(image, t.topic().id()) : t.topic().name();
                if (name == null) {
                    continue;
                }
                names.put(t, name);
                for (int p : t.partitions()) {
                    partitions.add(new TopicPartition(name, p));
                }
            }
        }
        var request = new io.tributary.coordinator.api.OffsetFetchRequest(groupId, partitions, requireStable);
        return coordinator.handle(groupId, request).thenApply(resp -> {
            var f = (io.tributary.coordinator.api.OffsetFetchResponse) resp;
            if (f.error() != ErrorCode.NONE) {
                return new OffsetFetchResponse.Group(groupId, f.error(), List.of());
            }
            return new OffsetFetchResponse.Group(groupId, ErrorCode.NONE,
                    g.allTopics() ? allTopics(metadata.image(), byId, f.partitions()) : requested(g, names, f.partitions()));
        });
    }

    private static String nameOf(MetadataImage image, TopicId id) {
        TopicImage t = image.topic(id);
        return t == null ? null : t.name();
    }

    private static List<OffsetFetchResponse.Topic> allTopics(MetadataImage image, boolean byId, List<FetchedOffset> fetched) {
        Map<String, List<OffsetFetchResponse.Partition>> byTopic = new LinkedHashMap<>();
        for (FetchedOffset o : fetched) {
            byTopic.computeIfAbsent(o.partition().topic(), k -> new ArrayList<>()).add(partition(o));
        }
        List<OffsetFetchResponse.Topic> out = new ArrayList<>(byTopic.size());
        for (Map.Entry<String, List<OffsetFetchResponse.Partition>> e : byTopic.entrySet()) {
            TopicImage t = byId ? image.topic(e.getKey()) : null;
            out.add(new OffsetFetchResponse.Topic(new TopicRef(e.getKey(), t == null ? TopicId.ZERO : t.id()), e.getValue()));
        }
        return out;
    }

    private static List<OffsetFetchResponse.Topic> requested(OffsetFetchRequest.Group g, Map<OffsetFetchRequest.Topic, String> names,
                                                            List<FetchedOffset> fetched) {
        Map<TopicPartition, FetchedOffset> found = new HashMap<>();
        for (FetchedOffset o : fetched) {
            found.put(o.partition(), o);
        }
        List<OffsetFetchResponse.Topic> out = new ArrayList<>(g.topics().size());
        for (OffsetFetchRequest.Topic t : g.topics()) {
            String name = names.get(t);
            List<OffsetFetchResponse.Partition> parts = new ArrayList<>(t.partitions().size());
            for (int p : t.partitions()) {
                FetchedOffset o = name == null ? null : found.get(new TopicPartition(name, p));
                parts.add(o != null ? partition(o) : OffsetFetchResponse.Partition.none(p,
                        name == null ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.NONE));
            }
            out.add(new OffsetFetchResponse.Topic(t.topic(), parts));
        }
        return out;
    }

    private static OffsetFetchResponse.Partition partition(FetchedOffset o) {
        return new OffsetFetchResponse.Partition(o.partition().partition(), o.offset(), o.leaderEpoch(),
                GroupWire.orEmpty(o.metadata()), o.error());
    }
}
