package io.tributary.broker.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A follower that applied an election before the new leader did is answered NOT_LEADER_OR_FOLLOWER
 * or UNKNOWN_LEADER_EPOCH; acks=all writes to the new leader wait for this follower's first fetch,
 * so it is asked again after 10 ms, and only after 20 such answers in a row every 100 ms.
 */
class MetadataRaceRetryTest {

    @Test
    void retriesQuicklyWhileTheRaceIsYoungThenSlower() {
        assertEquals(10, ReplicaFetcher.metadataRaceRetryMs(1, 1_000));
        assertEquals(10, ReplicaFetcher.metadataRaceRetryMs(20, 1_000));
        assertEquals(100, ReplicaFetcher.metadataRaceRetryMs(21, 1_000));
        assertEquals(100, ReplicaFetcher.metadataRaceRetryMs(1_000_000, 1_000));
    }

    @Test
    void neverWaitsLongerThanTheConfiguredBackoff() {
        assertEquals(0, ReplicaFetcher.metadataRaceRetryMs(1, 0));
        assertEquals(5, ReplicaFetcher.metadataRaceRetryMs(1, 5));
        assertEquals(15, ReplicaFetcher.metadataRaceRetryMs(30, 15));
    }

    @Test
    void aStreakStartsAtOne() {
        assertThrows(IllegalArgumentException.class, () -> ReplicaFetcher.metadataRaceRetryMs(0, 1_000));
    }
}
