package io.tributary.broker.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A follower that applied an election before the new leader did is answered NOT_LEADER_OR_FOLLOWER
 * or UNKNOWN_LEADER_EPOCH; acks=all writes to the new leader wait for this follower's first fetch,
 * so the retry after such an answer starts short and backs off only while the answer repeats.
 */
class MetadataRaceRetryTest {

    @Test
    void startsShortAndDoublesUpToTheCap() {
        assertEquals(5, ReplicaFetcher.metadataRaceRetryMs(1, 1_000));
        assertEquals(10, ReplicaFetcher.metadataRaceRetryMs(2, 1_000));
        assertEquals(20, ReplicaFetcher.metadataRaceRetryMs(3, 1_000));
        assertEquals(80, ReplicaFetcher.metadataRaceRetryMs(5, 1_000));
        assertEquals(100, ReplicaFetcher.metadataRaceRetryMs(6, 1_000));
        assertEquals(100, ReplicaFetcher.metadataRaceRetryMs(1_000, 1_000));
    }

    @Test
    void neverWaitsLongerThanTheConfiguredBackoff() {
        assertEquals(0, ReplicaFetcher.metadataRaceRetryMs(1, 0));
        assertEquals(15, ReplicaFetcher.metadataRaceRetryMs(4, 15));
    }

    @Test
    void aStreakStartsAtOne() {
        assertThrows(IllegalArgumentException.class, () -> ReplicaFetcher.metadataRaceRetryMs(0, 1_000));
    }
}
