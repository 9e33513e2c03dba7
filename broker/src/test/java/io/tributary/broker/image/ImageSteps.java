package io.tributary.broker.image;

import io.tributary.common.TopicId;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Metadata images for tests, built as the broker gets them: each batch of records replayed onto the
 * last image, and every subscriber told of the (previous, next) pair.
 */
public final class ImageSteps {

    private final List<BiConsumer<MetadataImage, MetadataImage>> subscribers = new ArrayList<>();
    private MetadataImage image = MetadataImage.EMPTY;
    private long offset;

    /** One image from {@code records}, replayed onto the empty one. */
    public static MetadataImage of(MetadataRecord... records) {
        return new ImageSteps().apply(records);
    }

    /** An unfenced broker {@code id}, epoch {@code 10 + id}, with one PLAINTEXT endpoint. */
    public static RegisterBrokerRecord broker(int id) {
        return new RegisterBrokerRecord(id, 10 + id, new UUID(id, 1),
                List.of(new BrokerEndpoint("PLAINTEXT", "h" + id, 9092, "PLAINTEXT")), null, false);
    }

    /** Tells {@code subscriber} of every image applied from now on. */
    public ImageSteps subscribe(BiConsumer<MetadataImage, MetadataImage> subscriber) {
        subscribers.add(subscriber);
        return this;
    }

    public MetadataImage image() {
        return image;
    }

    /** Replays {@code records} as one batch; returns the new image. */
    public MetadataImage apply(MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(image);
        delta.replayAll(new ArrayList<>(List.of(records)));
        MetadataImage prev = image;
        image = delta.apply(offset++);
        subscribers.forEach(s -> s.accept(prev, image));
        return image;
    }

    /** Brokers 1 to 3 and topic {@code name} with partition 0 on all three, led by broker 1. */
    public MetadataImage threeBrokersAndAPartition(String name, TopicId topic) {
        return apply(broker(1), broker(2), broker(3), new TopicRecord(name, topic),
                new PartitionRecord(topic, 0, List.of(1, 2, 3), List.of(1, 2, 3), 1, 0, 0));
    }

    /** Changes partition 0 of {@code topic}: a new ISR and/or leader, with the epochs the controller would give. */
    public MetadataImage change(TopicId topic, Optional<List<Integer>> isr, OptionalInt leader) {
        PartitionRegistration reg = image.partition(topic, 0);
        int leaderEpoch = leader.isPresent() ? reg.leaderEpoch() + 1 : reg.leaderEpoch();
        return apply(new PartitionChangeRecord(topic, 0, isr, leader, leaderEpoch, reg.partitionEpoch() + 1));
    }
}
