package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.DeleteTopicsRequest;
import io.tributary.metadata.controller.api.DeleteTopicsResponse;
import io.tributary.metadata.controller.api.DeleteTopicsResponse.TopicResult;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DeleteTopics by name or id; a topic named twice (by name and by id) is removed once. */
final class TopicDeletion {

    private static final Logger log = LoggerFactory.getLogger(TopicDeletion.class);

    private final ControllerConfig config;

    TopicDeletion(ControllerConfig config) {
        this.config = config;
    }

    ControllerResult<DeleteTopicsResponse> delete(MetadataImage image, DeleteTopicsRequest request) {
        Map<String, Integer> nameCounts = new HashMap<>();
        request.names().forEach(n -> nameCounts.merge(n, 1, Integer::sum));
        Map<TopicId, Integer> idCounts = new HashMap<>();
        request.topicIds().forEach(i -> idCounts.merge(i, 1, Integer::sum));
        Set<TopicId> toRemove = new LinkedHashSet<>();
        List<TopicResult> results = new ArrayList<>();
        for (String name : request.names()) {
            TopicImage t = image.topic(name);
            if (nameCounts.get(name) > 1) {
                results.add(new TopicResult(name, t == null ? TopicId.ZERO : t.id(),
                        ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate topic name.")));
            } else if (t == null) {
                results.add(new TopicResult(name, TopicId.ZERO, ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                        "This server does not host this topic-partition.")));
            } else {
                results.add(check(t));
                if (config.deleteTopicEnable()) {
                    toRemove.add(t.id());
                }
            }
        }
        for (TopicId id : request.topicIds()) {
            TopicImage t = image.topic(id);
            if (idCounts.get(id) > 1) {
                results.add(new TopicResult(t == null ? null : t.name(), id,
                        ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate topic id.")));
            } else if (t == null) {
                results.add(new TopicResult(null, id, ApiError.of(ErrorCode.UNKNOWN_TOPIC_ID,
                        "This server does not host this topic ID.")));
            } else {
                results.add(check(t));
                if (config.deleteTopicEnable()) {
                    toRemove.add(t.id());
                }
            }
        }
        Scratch scratch = new Scratch(image);
        for (TopicId id : toRemove) {
            log.info("Deleting topic {} with id {}", image.topic(id).name(), id);
            scratch.add(new RemoveTopicRecord(id));
        }
        List<MetadataRecord> records = scratch.records();
        return ControllerResult.of(records, new DeleteTopicsResponse(results));
    }

    private TopicResult check(TopicImage t) {
        if (!config.deleteTopicEnable()) {
            return new TopicResult(t.name(), t.id(), ApiError.of(ErrorCode.TOPIC_DELETION_DISABLED, "Topic deletion is disabled."));
        }
        return new TopicResult(t.name(), t.id(), ApiError.NONE);
    }
}
