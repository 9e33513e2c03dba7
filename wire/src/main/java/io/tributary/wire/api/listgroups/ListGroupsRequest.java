package io.tributary.wire.api.listgroups;

import java.util.List;

/**
 * A ListGroups request: the groups this broker coordinates, optionally only those in some states or
 * of some types. An empty filter keeps every group.
 *
 * @param statesFilter v4+ (KIP-518), state names as Kafka spells them ("Stable", "Empty", ...); empty before
 * @param typesFilter  v5+ (KIP-848), "classic" or "consumer" (case-insensitive in Kafka); empty before
 */
public record ListGroupsRequest(List<String> statesFilter, List<String> typesFilter) {

    public ListGroupsRequest {
        statesFilter = List.copyOf(statesFilter);
        typesFilter = List.copyOf(typesFilter);
    }
}
