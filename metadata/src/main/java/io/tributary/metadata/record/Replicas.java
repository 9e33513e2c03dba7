package io.tributary.metadata.record;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks on broker-id lists (replica sets and ISRs) shared by the partition records and replay. */
public final class Replicas {

    /** The leader id of a partition that has no leader (all eligible replicas are offline). */
    public static final int NO_LEADER = -1;

    /** A replica set larger than this is refused; Kafka's own limit is a 16-bit replication factor. */
    public static final int MAX_REPLICAS = Short.MAX_VALUE;

    private Replicas() {
    }

    /**
     * The longest text any record field holds, in characters: comfortably inside the codec's 1 MiB
     * string limit even at 3 UTF-8 bytes per character, so every record that constructs also encodes.
     */
    public static final int MAX_TEXT_LENGTH = 65_536;

    /** Checks that {@code text} (which may be null) is no longer than {@link #MAX_TEXT_LENGTH}. */
    public static String checkedText(String what, String text) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(what + " has " + text.length() + " characters, more than " + MAX_TEXT_LENGTH);
        }
        return text;
    }

    /** Copies {@code ids} after checking it is non-empty, bounded, of valid broker ids, each listed once. */
    public static List<Integer> checkedCopy(String what, List<Integer> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return checkedCopyMaybeEmpty(what, ids);
    }

    /** Copies {@code ids} after checking it is bounded, of valid broker ids, each listed once; it may be empty. */
    public static List<Integer> checkedCopyMaybeEmpty(String what, List<Integer> ids) {
        if (ids == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (ids.size() > MAX_REPLICAS) {
            throw new IllegalArgumentException(what + " has " + ids.size() + " entries, more than " + MAX_REPLICAS);
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer id : ids) {
            if (id == null || id < 0) {
                throw new IllegalArgumentException(what + " contains an invalid broker id " + id + ": " + ids);
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(what + " lists broker " + id + " twice: " + ids);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Checks the rules every partition state obeys: the ISR is within the replicas, the leader is
     * in the ISR or is {@link #NO_LEADER} (so an empty ISR has no leader), and the epochs are not
     * negative. The lists must already have passed {@link #checkedCopy} or {@link #checkedCopyMaybeEmpty}.
     * {@code what} names the partition in the message.
     */
    public static void checkPartitionState(String what, List<Integer> replicas, List<Integer> isr,
                                           int leader, int leaderEpoch, int partitionEpoch) {
        if (!isSubset(isr, replicas)) {
            throw new IllegalArgumentException("ISR " + isr + " of " + what + " is not within replicas " + replicas);
        }
        if (leader != NO_LEADER && !isr.contains(leader)) {
            throw new IllegalArgumentException("leader " + leader + " of " + what + " is not in ISR " + isr);
        }
        if (leaderEpoch < 0 || partitionEpoch < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got leader epoch " + leaderEpoch
                    + " and partition epoch " + partitionEpoch + " for " + what);
        }
    }

    /**
     * Checks the eligible leader replicas (KIP-966) of a partition: the ELR is within the replicas and
     * shares no member with the ISR (a replica is in one or the other), and the last known ELR is
     * within the replicas.
     */
    public static void checkEligibleLeaders(String what, List<Integer> replicas, List<Integer> isr, List<Integer> elr,
                                            List<Integer> lastKnownElr) {
        if (!isSubset(elr, replicas)) {
            throw new IllegalArgumentException("ELR " + elr + " of " + what + " is not within replicas " + replicas);
        }
        for (int id : elr) {
            if (isr.contains(id)) {
                throw new IllegalArgumentException("broker " + id + " of " + what + " is in both the ISR " + isr
                        + " and the ELR " + elr);
            }
        }
        if (!isSubset(lastKnownElr, replicas)) {
            throw new IllegalArgumentException("last known ELR " + lastKnownElr + " of " + what + " is not within replicas "
                    + replicas);
        }
    }

    /**
     * Checks a reassignment in progress (KIP-455): the adding and removing replicas are within the
     * replicas and share no member (a replica either joins or leaves), and some replica stays
     * (the target replica set is never empty). Both lists are empty when no reassignment is in progress.
     */
    public static void checkReassignment(String what, List<Integer> replicas, List<Integer> adding, List<Integer> removing) {
        if (!isSubset(adding, replicas) || !isSubset(removing, replicas)) {
            throw new IllegalArgumentException("adding " + adding + " and removing " + removing + " replicas of " + what
                    + " must be within replicas " + replicas);
        }
        for (int id : adding) {
            if (removing.contains(id)) {
                throw new IllegalArgumentException("broker " + id + " of " + what + " is both adding and removing");
            }
        }
        if (removing.size() >= replicas.size()) {
            throw new IllegalArgumentException("every replica " + replicas + " of " + what + " is removing " + removing);
        }
    }

    /** Whether every member of {@code subset} is in {@code set}. */
    public static boolean isSubset(List<Integer> subset, List<Integer> set) {
        return new HashSet<>(set).containsAll(subset);
    }
}
