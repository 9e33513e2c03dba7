package io.tributary.coordinator.group;

/**
 * A group of any type, as the shard's group table holds it. The shard's offset commands, listing,
 * describing, deletion and expiry work through this interface; only the membership protocol is
 * type-specific. KIP-848's {@code consumer} groups become a second implementation beside
 * {@link ClassicGroup}, with their own records and their own handler for ConsumerGroupHeartbeat.
 */
public sealed interface Group permits ClassicGroup {

    String groupId();

    GroupType type();

    /** The state as Kafka names it to clients. */
    String stateName();

    /** The protocol type clients see (empty for a group that only stores offsets). */
    String protocolType();

    /** Whether the group has no members, which is when it may be deleted and its offsets expire. */
    boolean isEmpty();

    /**
     * Whether the group's members consume {@code topic}, so that its offsets must neither expire
     * nor be deleted. Answers true when it cannot tell.
     */
    boolean isSubscribedTo(String topic);

    /** When the group became Empty, or -1 if unknown (offsets then expire from their commit time). */
    long emptySinceMs();
}
