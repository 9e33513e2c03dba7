package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Splits a request naming many groups (DescribeGroups, DeleteGroups) into one request per
 * coordinator shard, and gathers the per-group answers back in the order the client named the groups.
 */
final class PerCoordinator {

    private PerCoordinator() {
    }

    /**
     * @param request  builds one shard's request from its groups
     * @param results  the per-group results of one shard's response
     * @param groupIdOf the group id of one result
     */
    static <T> CompletableFuture<List<T>> gather(GroupCoordinatorRuntime coordinator, List<String> groupIds,
                                                 Function<List<String>, CoordinatorRequest> request,
                                                 Function<CoordinatorResponse, List<T>> results, Function<T, String> groupIdOf) {
        Map<Integer, List<String>> byPartition = new LinkedHashMap<>();
        for (String id : groupIds) {
            byPartition.computeIfAbsent(coordinator.partitionFor(id), k -> new ArrayList<>()).add(id);
        }
        List<CompletableFuture<List<T>>> parts = new ArrayList<>(byPartition.size());
        for (Map.Entry<Integer, List<String>> e : byPartition.entrySet()) {
            parts.add(coordinator.handle(e.getKey(), request.apply(e.getValue())).thenApply(results));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, T> byGroup = new HashMap<>();
            for (CompletableFuture<List<T>> f : parts) {
                for (T t : f.join()) {
                    byGroup.put(groupIdOf.apply(t), t);
                }
            }
            List<T> out = new ArrayList<>(groupIds.size());
            for (String id : groupIds) {
                T t = byGroup.get(id);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        });
    }
}
