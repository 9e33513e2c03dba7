package io.tributary.metadata.controller;

import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.Replicas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The next state of one partition, computed from its current state and what is asked of it (a new
 * ISR, a broker that stopped uncleanly, a preferred leader), as one {@link PartitionChangeRecord}.
 * Every path that changes a partition's ISR or leader on the controller goes through here, so the
 * rules below hold everywhere:
 *
 * <ol>
 *   <li><b>Eligible leader replicas</b> (KIP-966). While the ISR is at least
 *       {@code min.insync.replicas}, the ELR is empty. When it is smaller, every replica that was
 *       in the ISR or the ELR and is not in the new ISR is in the ELR: the leader stops advancing
 *       the high watermark while the ISR is that small (strict min ISR), so each of them holds every
 *       committed record. A replica whose broker stopped uncleanly may have lost its unflushed
 *       tail, so it leaves both the ISR and the ELR.</li>
 *   <li><b>Election</b>, in this order: the current leader if it stays in the ISR and may lead;
 *       else the first replica (in replica order, so the preferred one first) of the ISR that may
 *       lead; else, with an empty ISR, the first ELR member that may lead, which becomes the ISR
 *       alone; else, with neither ISR nor ELR, the last known leader, loudly (it may lack records
 *       committed after its last flush, but nobody is known to have more); else, only if
 *       {@code unclean.leader.election.enable}, any replica that may lead, loudly, with the ISR
 *       reset to it and the ELR emptied (records it lacks are lost).</li>
 *   <li><b>Last known leader</b>: when the partition loses its leader with an empty ISR, the leader
 *       it had is remembered; it is forgotten once the partition has a leader again.</li>
 *   <li><b>Reassignment</b> (KIP-455, {@link PartitionReassignment}). A reassignment in progress
 *       completes in the change that brings its last target replica into the ISR: the removing
 *       replicas leave the replica set, the ISR and the ELR, and a leader among them hands over to
 *       the first target replica in the ISR that may lead. A new replica set ({@link #replicas})
 *       takes the ISR, ELR and last known leader within it, so a cancelled reassignment's adding
 *       replicas leave them too.</li>
 *   <li>A leader change bumps the leader epoch, and so does a change that takes a replica out of the
 *       replica set (as Kafka's controller does): the removed replica's fetches still in flight carry
 *       the old epoch and are refused, so one it sent before deleting its copy cannot count for it
 *       once a later move adds it back with an empty log. Every change bumps the partition epoch.</li>
 * </ol>
 * "May lead" means an active broker: registered, unfenced, not in controlled shutdown.
 */
final class PartitionChange {

    private static final Logger log = LoggerFactory.getLogger(PartitionChange.class);

    /** How a change chose its leader, for logs and for the simulation's coverage. */
    enum Election { NONE, KEPT, ISR, ELR, LAST_KNOWN_LEADER, UNCLEAN, PREFERRED }

    private final TopicImage topic;
    private final int partition;
    private final PartitionRegistration part;
    private final int minIsr;
    private final IntPredicate mayLead;
    private List<Integer> targetIsr;
    private final Set<Integer> uncleanlyStopped = new HashSet<>();
    private boolean uncleanAllowed;
    private OptionalInt preferred = OptionalInt.empty();
    private Election election = Election.NONE;
    private List<Integer> replicas;
    private List<Integer> adding;
    private List<Integer> removing;

    PartitionChange(TopicImage topic, int partition, PartitionRegistration part, int minIsr, IntPredicate mayLead) {
        this.topic = topic;
        this.partition = partition;
        this.part = part;
        this.minIsr = minIsr;
        this.mayLead = mayLead;
        this.targetIsr = part.isr();
        this.replicas = part.replicas();
        this.adding = part.addingReplicas();
        this.removing = part.removingReplicas();
    }

    /** A new replica set, with the replicas a reassignment adds and removes (both empty for none). */
    PartitionChange replicas(List<Integer> replicas, List<Integer> adding, List<Integer> removing) {
        this.replicas = List.copyOf(replicas);
        this.adding = List.copyOf(adding);
        this.removing = List.copyOf(removing);
        return this;
    }

    /** The ISR asked for (the leader's AlterPartition, or the current one without a leaving broker). */
    PartitionChange isr(List<Integer> isr) {
        this.targetIsr = List.copyOf(isr);
        return this;
    }

    /** A broker that stopped without a clean shutdown: it leaves the ISR and the ELR. */
    PartitionChange uncleanlyStopped(int brokerId) {
        uncleanlyStopped.add(brokerId);
        return this;
    }

    /** Whether the topic allows a leader from outside the ISR and ELR. */
    PartitionChange uncleanAllowed(boolean allowed) {
        this.uncleanAllowed = allowed;
        return this;
    }

    /** Moves leadership to {@code brokerId}, which the caller checked is an ISR member that may lead. */
    PartitionChange preferredLeader(int brokerId) {
        this.preferred = OptionalInt.of(brokerId);
        return this;
    }

    /** How the leader was chosen by the last {@link #build}. */
    Election election() {
        return election;
    }

    /** The change record, or empty if nothing changes. */
    Optional<PartitionChangeRecord> build(String reason) {
        List<Integer> isr = without(targetIsr, uncleanlyStopped);
        completeReassignmentIfDone(isr);
        isr = within(isr, replicas);
        List<Integer> elr = eligibleLeaders(isr);
        int leader = part.leader();
        election = Election.KEPT;
        if (preferred.isPresent()) {
            leader = preferred.getAsInt();
            election = Election.PREFERRED;
        } else if (leader == Replicas.NO_LEADER || !isr.contains(leader) || !mayLead.test(leader)) {
            leader = firstThatMayLead(isr);
            election = Election.ISR;
            if (leader == Replicas.NO_LEADER && isr.isEmpty()) {
                leader = firstThatMayLead(elr);
                election = Election.ELR;
                if (leader != Replicas.NO_LEADER) {
                    isr = List.of(leader);
                    // Rule 1 again for the new ISR: alone at min ISR (min ISR 1), the new leader
                    // commits without the other ELR members, so they are eligible no longer.
                    elr = isr.size() >= minIsr ? List.of() : without(elr, Set.of(leader));
                }
            }
            if (leader == Replicas.NO_LEADER && isr.isEmpty() && elr.isEmpty() && part.lastKnownElr().size() == 1
                    && mayLead.test(part.lastKnownElr().get(0))) {
                leader = part.lastKnownElr().get(0);
                isr = List.of(leader);
                election = Election.LAST_KNOWN_LEADER;
                log.warn("Partition {}-{}: electing the last known leader {}: no ISR or ELR member is left, so records "
                        + "committed after its last flush may be lost", topic.name(), partition, leader);
            }
            if (leader == Replicas.NO_LEADER && uncleanAllowed) {
                leader = firstThatMayLead(replicas);
                if (leader != Replicas.NO_LEADER) {
                    election = Election.UNCLEAN;
                    log.warn("UNCLEAN LEADER ELECTION for {}-{}: broker {} leads from outside the ISR {} and ELR {} "
                                    + "(unclean.leader.election.enable=true); records it lacks are lost",
                            topic.name(), partition, leader, part.isr(), part.elr());
                    isr = List.of(leader);
                    elr = List.of();
                }
            }
            if (leader == Replicas.NO_LEADER) {
                election = Election.NONE;
            }
        }
        List<Integer> lastKnownElr = within(part.lastKnownElr(), replicas);
        if (leader != Replicas.NO_LEADER) {
            lastKnownElr = List.of();
        } else if (isr.isEmpty() && lastKnownElr.isEmpty()) {
            // The partition just lost its last ISR member: remember who led it last (or, for a
            // partition that already had no leader, its last ISR member).
            if (part.hasLeader()) {
                lastKnownElr = List.of(part.leader());
            } else if (!part.isr().isEmpty()) {
                lastKnownElr = List.of(part.isr().get(0));
            }
        }
        return toRecord(isr, leader, elr, lastKnownElr, reason);
    }

    /**
     * Rule 5: a reassignment whose every target replica is in {@code isr} completes, so the replica
     * set becomes the target and the removing replicas leave.
     */
    private void completeReassignmentIfDone(List<Integer> isr) {
        if (adding.isEmpty() && removing.isEmpty()) {
            return;
        }
        List<Integer> target = replicas.stream().filter(r -> !removing.contains(r)).toList();
        if (!isr.containsAll(target)) {
            return;
        }
        log.info("Partition {}-{}: reassignment completes, replicas {} -> {} (every target replica is in the ISR {})",
                topic.name(), partition, replicas, target, isr);
        replicas = target;
        adding = List.of();
        removing = List.of();
    }

    /** The ELR that goes with the ISR {@code isr} (rule 1 above), in replica order. */
    private List<Integer> eligibleLeaders(List<Integer> isr) {
        if (isr.size() >= minIsr) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (int r : replicas) {
            boolean held = part.inIsr(r) || part.inElr(r);
            if (held && !isr.contains(r) && !uncleanlyStopped.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private int firstThatMayLead(List<Integer> candidates) {
        for (int r : replicas) {
            if (candidates.contains(r) && mayLead.test(r)) {
                return r;
            }
        }
        return Replicas.NO_LEADER;
    }

    /** The members of {@code ids} that are in {@code set}, in the order of {@code ids}. */
    private static List<Integer> within(List<Integer> ids, List<Integer> set) {
        return ids.stream().filter(set::contains).toList();
    }

    private static List<Integer> without(List<Integer> ids, Set<Integer> gone) {
        List<Integer> out = new ArrayList<>(ids);
        out.removeAll(gone);
        return out;
    }

    private Optional<PartitionChangeRecord> toRecord(List<Integer> isr, int leader, List<Integer> elr, List<Integer> lastKnownElr,
                                                     String reason) {
        boolean isrChanges = !isr.equals(part.isr());
        boolean leaderChanges = leader != part.leader();
        boolean elrChanges = !elr.equals(part.elr());
        boolean lastKnownChanges = !lastKnownElr.equals(part.lastKnownElr());
        boolean replicasChange = !replicas.equals(part.replicas());
        boolean addingChanges = !adding.equals(part.addingReplicas());
        boolean removingChanges = !removing.equals(part.removingReplicas());
        if (!isrChanges && !leaderChanges && !elrChanges && !lastKnownChanges && !replicasChange && !addingChanges
                && !removingChanges) {
            return Optional.empty();
        }
        boolean replicaLeaves = !replicas.containsAll(part.replicas());
        int leaderEpoch = leaderChanges || replicaLeaves ? part.leaderEpoch() + 1 : part.leaderEpoch();
        if (leaderChanges) {
            log.info("Partition {}-{}: leader {} -> {} in leader epoch {} (ISR {}, ELR {}, chosen from {}): {}", topic.name(),
                    partition, part.leader(), leader, leaderEpoch, isr, elr, election, reason);
        } else if (elrChanges) {
            log.info("Partition {}-{}: eligible leader replicas {} -> {} (ISR {}, min.insync.replicas {}): {}", topic.name(),
                    partition, part.elr(), elr, isr, minIsr, reason);
        }
        return Optional.of(new PartitionChangeRecord(topic.id(), partition,
                isrChanges ? Optional.of(List.copyOf(isr)) : Optional.empty(),
                leaderChanges ? OptionalInt.of(leader) : OptionalInt.empty(),
                leaderEpoch, part.partitionEpoch() + 1,
                elrChanges ? Optional.of(List.copyOf(elr)) : Optional.empty(),
                lastKnownChanges ? Optional.of(List.copyOf(lastKnownElr)) : Optional.empty(),
                replicasChange ? Optional.of(replicas) : Optional.empty(),
                addingChanges ? Optional.of(adding) : Optional.empty(),
                removingChanges ? Optional.of(removing) : Optional.empty()));
    }
}
