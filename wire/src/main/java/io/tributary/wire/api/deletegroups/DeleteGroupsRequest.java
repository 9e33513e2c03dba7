package io.tributary.wire.api.deletegroups;

import java.util.List;

/** A DeleteGroups request: groups to delete, with their offsets; only an empty group can be deleted. */
public record DeleteGroupsRequest(List<String> groups) {

    public DeleteGroupsRequest {
        groups = List.copyOf(groups);
    }
}
