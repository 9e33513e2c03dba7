package io.tributary.sim;

import java.util.random.RandomGenerator;

/** Which {@code acks} settings a schedule's producers use. */
enum AcksMix {
    /** Every producer uses acks=all. */
    ALL,
    /** Every producer uses acks=1. */
    ONE,
    /** Each producer draws acks 0, 1 or all. */
    MIXED;

    short drawAcks(RandomGenerator random) {
        return switch (this) {
            case ALL -> (short) -1;
            case ONE -> (short) 1;
            case MIXED -> switch (random.nextInt(4)) {
                case 0 -> (short) 0;
                case 1 -> (short) 1;
                default -> (short) -1;
            };
        };
    }
}
