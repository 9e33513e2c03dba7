package io.tributary.metadata.controller;

import io.tributary.metadata.record.MetadataRecord;

import java.util.List;

/**
 * What a controller command produces: the records to append as one atomic batch (possibly none)
 * and the response to send once they are committed. Producing it changes nothing.
 */
public record ControllerResult<T>(List<MetadataRecord> records, T response) {

    public ControllerResult {
        records = List.copyOf(records);
    }

    public static <T> ControllerResult<T> of(List<MetadataRecord> records, T response) {
        return new ControllerResult<>(records, response);
    }

    public static <T> ControllerResult<T> noRecords(T response) {
        return new ControllerResult<>(List.of(), response);
    }
}
