package io.tributary.metadata.controller;

import io.tributary.metadata.image.MetadataImage;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Which brokers new replicas may be placed on. Every active broker (registered, unfenced, not
 * shutting down) is eligible, but brokers the controller has actually heard from in its current
 * term come first: right after a controller failover every registered broker is given a session
 * of grace, so a broker that died with the old controller still looks alive for a moment, and a
 * topic created then would otherwise get partitions that have no leader until it returns.
 * When fewer such brokers exist than the replication factor needs, placement falls back to every
 * active broker, as Kafka would place them.
 */
final class PlacementBrokers {

    /** The brokers to place on, in the image's (ascending id) order. */
    static List<Integer> choose(MetadataImage image, int replicationFactor, IntPredicate heardThisTerm) {
        List<Integer> active = image.activeBrokerIds();
        List<Integer> heard = active.stream().filter(heardThisTerm::test).toList();
        return heard.size() >= replicationFactor ? heard : active;
    }

    private PlacementBrokers() {
    }
}
