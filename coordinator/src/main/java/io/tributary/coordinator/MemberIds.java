package io.tributary.coordinator;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Member ids as Kafka forms them ({@code <client id or group.instance.id>-<uuid>}), from a random
 * source the caller passes in, so that a simulation replays the same ids from the same seed.
 */
final class MemberIds {

    private final RandomGenerator random;

    MemberIds(RandomGenerator random) {
        this.random = random;
    }

    String next(String clientId, String groupInstanceId) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        String prefix = groupInstanceId != null ? groupInstanceId : clientId;
        return prefix + "-" + new UUID(most, least);
    }
}
