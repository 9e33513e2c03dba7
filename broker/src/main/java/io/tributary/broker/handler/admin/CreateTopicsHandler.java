package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.config.ResolvedConfig;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.wire.api.ConfigSource;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse.Config;
import io.tributary.wire.api.createtopics.CreateTopicsResponse.TopicResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CreateTopics: request-level checks here (a name twice in one request, null config values), the
 * rest (names, counts, placement, configs) in the controller, whose answer comes back once the
 * topic is in this broker's metadata image.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequest, io.tributary.wire.api.createtopics.CreateTopicsResponse> {

    private final ControllerChannel controller;

    public CreateTopicsHandler(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<io.tributary.wire.api.createtopics.CreateTopicsResponse> handle(RequestContext ctx,
                                                                                            CreateTopicsRequest request) {
        Map<String, Integer> counts = new HashMap<>();
        for (CreateTopicsRequest.Topic t : request.topics()) {
            counts.merge(t.name(), 1, Integer::sum);
        }
        Map<Integer, TopicResult> local = new HashMap<>();
        List<io.tributary.metadata.controller.api.CreateTopicsRequest.Topic> forController = new ArrayList<>();
        List<Integer> controllerIndexes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.topics().size(); i++) {
            CreateTopicsRequest.Topic t = request.topics().get(i);
            if (counts.get(t.name()) > 1) {
                if (seen.add(t.name())) {
                    local.put(i, TopicResult.failed(t.name(), ErrorCode.INVALID_REQUEST,
                            "the request names topic " + t.name() + " more than once"));
                } else {
                    local.put(i, null);
                }
                continue;
            }
            Map<String, String> configs = new LinkedHashMap<>();
            String nullKey = null;
            for (CreateTopicsRequest.Config c : t.configs()) {
                if (c.value() == null) {
                    nullKey = c.name();
                }
                configs.put(c.name(), c.value());
            }
            if (nullKey != null) {
                local.put(i, TopicResult.failed(t.name(), ErrorCode.INVALID_CONFIG, "null value for topic config " + nullKey));
                continue;
            }
            Map<Integer, List<Integer>> assignments = new LinkedHashMap<>();
            for (CreateTopicsRequest.Assignment a : t.assignments()) {
                assignments.put(a.partitionIndex(), a.brokerIds());
            }
            forController.add(new io.tributary.metadata.controller.api.CreateTopicsRequest.Topic(t.name(), t.numPartitions(),
                    t.replicationFactor(), assignments, configs));
            controllerIndexes.add(i);
        }
        CompletableFuture<CreateTopicsResponse> call = forController.isEmpty()
                ? CompletableFuture.completedFuture(new CreateTopicsResponse(List.of()))
                : controller.createTopics(new io.tributary.metadata.controller.api.CreateTopicsRequest(forController, request.validateOnly()))
                        .orTimeout(Math.max(1, request.timeoutMs()), TimeUnit.MILLISECONDS);
        return call.handle((resp, error) -> {
            List<TopicResult> out = new ArrayList<>();
            for (int i = 0; i < request.topics().size(); i++) {
                if (local.containsKey(i)) {
                    if (local.get(i) != null) {
                        out.add(local.get(i));
                    }
                    continue;
                }
                String name = request.topics().get(i).name();
                if (error != null) {
                    ApiError e = ControllerErrors.toApiError(error);
                    out.add(TopicResult.failed(name, e.code(), e.message()));
                    continue;
                }
                out.add(convert(resp.topics().get(controllerIndexes.indexOf(i))));
            }
            return new io.tributary.wire.api.createtopics.CreateTopicsResponse(0, out);
        });
    }

    private static TopicResult convert(CreateTopicsResponse.TopicResult r) {
        if (!r.error().isSuccess()) {
            return TopicResult.failed(r.name(), r.error().code(), r.error().message());
        }
        List<Config> configs = new ArrayList<>();
        for (ResolvedConfig c : r.configs()) {
            configs.add(new Config(c.name(), c.value(), false, ConfigSource.forCode(c.source().code()), false));
        }
        return new TopicResult(r.name(), r.topicId(), ErrorCode.NONE, null, ErrorCode.NONE, r.numPartitions(),
                (short) r.replicationFactor(), configs);
    }
}
