package io.tributary.wire.api.metadata;

import io.tributary.wire.api.TopicRef;
import java.util.List;

/**
 * A Metadata request, normalised across versions.
 *
 * @param allTopics               true when the client asked for every topic (v0: an empty list; v1+: a null list)
 * @param topics                  the topics asked for (empty when {@code allTopics}); v10+ may name them by id
 * @param allowAutoTopicCreation  v4+; earlier versions always allowed it, so it reads true there
 */
public record MetadataRequest(
        boolean allTopics,
        List<TopicRef> topics,
        boolean allowAutoTopicCreation,
        boolean includeTopicAuthorizedOperations,
        boolean includeClusterAuthorizedOperations) {

    public MetadataRequest {
        topics = List.copyOf(topics);
    }
}
