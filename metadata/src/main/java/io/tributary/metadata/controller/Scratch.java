package io.tributary.metadata.controller;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The records a command is building, replayed as they are added onto a private copy of the image.
 * Two things follow: later steps of the same command see earlier ones (a topic created earlier in
 * the request, a broker fenced a moment ago), and every record is checked by the same replay rules
 * every node applies before it is ever appended; a record replay refuses is a controller bug and
 * fails loudly here, not on every node later.
 */
final class Scratch {

    private final List<MetadataRecord> records = new ArrayList<>();
    private MetadataImage image;
    private MetadataDelta delta;
    private boolean dirty;

    Scratch(MetadataImage image) {
        this.image = image;
        this.delta = new MetadataDelta(image);
    }

    void add(MetadataRecord record) {
        delta.replay(record);
        records.add(record);
        dirty = true;
    }

    void addAll(List<? extends MetadataRecord> more) {
        for (MetadataRecord r : more) {
            add(r);
        }
    }

    /** The image with every record added so far. */
    MetadataImage image() {
        if (dirty) {
            image = delta.applyUncommitted();
            delta = new MetadataDelta(image);
            dirty = false;
        }
        return image;
    }

    List<MetadataRecord> records() {
        return List.copyOf(records);
    }

    int size() {
        return records.size();
    }
}
