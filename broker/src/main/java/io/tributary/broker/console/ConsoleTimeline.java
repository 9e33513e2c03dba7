package io.tributary.broker.console;

import io.tributary.broker.image.MetadataPublisher;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The console's timeline: the last {@link #EVENTS_MAX} broker state changes (registered, fenced,
 * unfenced, controlled shutdown), leader elections and ISR changes, each with its reason as far as the
 * metadata tells it, in a bounded ring. Every broker replays the same metadata, so every broker builds
 * the same timeline (from when it started); the ISR reasons that only a partition's leader knows (the
 * rule that made it propose a shrink) are added by {@link TimelineView} from the leaders.
 *
 * <p>Election kinds: {@code controlled-shutdown} (the old leader was shutting down), {@code clean}
 * (the new leader was in the ISR), {@code elr} (from the eligible leader replicas, KIP-966),
 * {@code unclean} (from outside both), {@code preferred} (back to the first replica while the old
 * leader lives), {@code offline} (no leader left). Only changes applied while the broker serves are
 * recorded; what it replays at startup is history. Runs on the metadata thread; read from any.
 */
final class ConsoleTimeline implements MetadataPublisher.Subscriber {

    static final int EVENTS_MAX = 500;

    /** One entry; {@code topic} is null and {@code partition} -1 for a broker event. */
    record Event(long seq, long timeMs, long metadataOffset, String kind, String topic, int partition, int broker,
                 String detail, String reason) {
    }

    private final BooleanSupplier live;
    private final LongSupplier clockMs;
    private final ArrayDeque<Event> ring = new ArrayDeque<>();
    private long seq;

    ConsoleTimeline(BooleanSupplier live, LongSupplier clockMs) {
        this.live = live;
        this.clockMs = clockMs;
    }

    /** The newest events first, at most {@code limit}. */
    synchronized List<Event> latest(int limit) {
        List<Event> out = new ArrayList<>(Math.min(limit, ring.size()));
        var it = ring.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    @Override
    public void onImage(MetadataImage prev, MetadataImage next) {
        if (prev == next || !live.getAsBoolean()) {
            return;
        }
        long nowMs = clockMs.getAsLong();
        long offset = next.lastAppliedOffset();
        brokers(prev, next, nowMs, offset);
        for (TopicImage t : next.topics().values()) {
            TopicImage old = prev.topic(t.id());
            if (old == null || old == t) {
                continue;
            }
            for (int i = 0; i < t.partitions().size() && i < old.partitions().size(); i++) {
                PartitionRegistration before = old.partitions().get(i);
                PartitionRegistration after = t.partitions().get(i);
                if (before != after) {
                    partition(prev, next, t.name(), i, before, after, nowMs, offset);
                }
            }
        }
    }

    private void brokers(MetadataImage prev, MetadataImage next, long nowMs, long offset) {
        for (Map.Entry<Integer, BrokerRegistration> e : next.brokers().entrySet()) {
            BrokerRegistration was = prev.broker(e.getKey());
            BrokerRegistration is = e.getValue();
            if (was == null || was.brokerEpoch() != is.brokerEpoch()) {
                add(nowMs, offset, "broker-registered", null, -1, is.brokerId(), "broker epoch " + is.brokerEpoch(),
                        was == null ? "a new broker" : "the broker restarted");
            } else if (!was.fenced() && is.fenced()) {
                add(nowMs, offset, "broker-fenced", null, -1, is.brokerId(), "broker epoch " + is.brokerEpoch(),
                        was.inControlledShutdown() ? "controlled shutdown finished" : "its session ended: heartbeats stopped or its controller connection dropped");
            } else if (was.fenced() && !is.fenced()) {
                add(nowMs, offset, "broker-unfenced", null, -1, is.brokerId(), "broker epoch " + is.brokerEpoch(),
                        "caught up with the metadata");
            } else if (!was.inControlledShutdown() && is.inControlledShutdown()) {
                add(nowMs, offset, "broker-controlled-shutdown", null, -1, is.brokerId(), "broker epoch " + is.brokerEpoch(),
                        "the broker asked to stop (SIGTERM): its leaderships move first");
            }
        }
        for (Integer id : prev.brokers().keySet()) {
            if (next.broker(id) == null) {
                add(nowMs, offset, "broker-unregistered", null, -1, id, "", "unregistered");
            }
        }
    }

    private void partition(MetadataImage prev, MetadataImage next, String topic, int partition, PartitionRegistration before,
                           PartitionRegistration after, long nowMs, long offset) {
        if (before.leader() != after.leader()) {
            String kind = electionKind(prev, next, before, after);
            add(nowMs, offset, "election", topic, partition, after.leader(),
                    "leader " + before.leader() + " -> " + after.leader() + " at epoch " + after.leaderEpoch(), kind);
        }
        TreeSet<Integer> left = new TreeSet<>(before.isr());
        left.removeAll(after.isr());
        TreeSet<Integer> joined = new TreeSet<>(after.isr());
        joined.removeAll(before.isr());
        if (!left.isEmpty()) {
            add(nowMs, offset, "isr-shrink", topic, partition, after.leader(), "ISR " + before.isr() + " -> " + after.isr(),
                    shrinkReason(prev, next, left, before.leader()));
        }
        if (!joined.isEmpty()) {
            add(nowMs, offset, "isr-expand", topic, partition, after.leader(), "ISR " + before.isr() + " -> " + after.isr(),
                    "replica " + joined + " caught up with leader " + after.leader());
        }
    }

    static String electionKind(MetadataImage prev, MetadataImage next, PartitionRegistration before, PartitionRegistration after) {
        if (!after.hasLeader()) {
            return "offline";
        }
        BrokerRegistration oldLeader = before.hasLeader() ? next.broker(before.leader()) : null;
        if (oldLeader != null && oldLeader.inControlledShutdown()) {
            return "controlled-shutdown";
        }
        boolean oldLeaderLives = oldLeader != null && oldLeader.isActive();
        if (oldLeaderLives && after.leader() == after.preferredLeader()) {
            return "preferred";
        }
        if (before.isr().contains(after.leader())) {
            return "clean";
        }
        return before.elr().contains(after.leader()) ? "elr" : "unclean";
    }

    /** Why replicas left an ISR, as the metadata shows it; a leader's own proposal is refined by {@link TimelineView}. */
    private static String shrinkReason(MetadataImage prev, MetadataImage next, TreeSet<Integer> left, int oldLeader) {
        List<String> why = new ArrayList<>();
        for (int id : left) {
            BrokerRegistration b = next.broker(id);
            BrokerRegistration was = prev.broker(id);
            if (b == null) {
                why.add("broker " + id + " unregistered");
            } else if (b.fenced() && (was == null || !was.fenced())) {
                why.add("broker " + id + " fenced");
            } else if (b.inControlledShutdown()) {
                why.add("broker " + id + " in controlled shutdown");
            }
        }
        return why.isEmpty() ? "leader " + oldLeader + " proposed it (AlterPartition)" : String.join(", ", why);
    }

    private synchronized void add(long nowMs, long offset, String kind, String topic, int partition, int broker, String detail,
                                  String reason) {
        if (ring.size() >= EVENTS_MAX) {
            ring.removeFirst();
        }
        ring.addLast(new Event(++seq, nowMs, offset, kind, topic, partition, broker, detail, reason));
    }
}
