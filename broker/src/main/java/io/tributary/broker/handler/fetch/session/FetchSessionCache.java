package io.tributary.broker.handler.fetch.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's fetch sessions, bounded by {@code max.incremental.fetch.session.cache.slots}: a
 * session costs memory for every partition it holds, and clients that cannot get one simply keep
 * sending full fetches, so refusing is always safe.
 *
 * <p>Eviction, Kafka's rules simplified. A new session takes a free slot if there is one. When the
 * cache is full it takes the slot of the least recently used session that is either idle for at
 * least {@code evictionIdleMs} (Kafka's {@code min.incremental.fetch.session.eviction.ms}, 2 minutes:
 * its client is most likely gone), or, when the newcomer is a follower, any consumer session
 * (replication matters more than one consumer's bandwidth). Otherwise no session is created.
 * Unlike Kafka, the size of a session plays no part: a busy cache keeps the sessions in use, which
 * is what matters, and the rule stays easy to predict.
 *
 * <p>Lock order: a session's monitor, then this cache's; so nothing here calls into a session's
 * synchronized methods.
 *
 * <p>Session ids are random, positive and unique among the cached sessions, so a client naming an
 * old id after a restart or an eviction is told {@code FETCH_SESSION_ID_NOT_FOUND} instead of
 * hijacking a stranger's session (with high probability). Pure apart from its one lock: time comes
 * in as {@code nowMs} (monotonic), randomness as a {@link RandomGenerator}.
 */
public final class FetchSessionCache {

    /** Kafka's {@code min.incremental.fetch.session.eviction.ms} default. */
    public static final long DEFAULT_EVICTION_IDLE_MS = 120_000L;

    private static final Logger log = LoggerFactory.getLogger(FetchSessionCache.class);

    private final int slots;
    private final long evictionIdleMs;
    private final RandomGenerator random;
    /** Least recently used first. */
    private final LinkedHashMap<Integer, FetchSession> sessions = new LinkedHashMap<>();
    private long sessionsCreated;
    private long sessionsEvicted;
    private long sessionsRefused;
    private boolean refusing;

    /** @param slots the most sessions held at once; 0 turns sessions off */
    public FetchSessionCache(int slots, long evictionIdleMs, RandomGenerator random) {
        if (slots < 0 || evictionIdleMs < 0) {
            throw new IllegalArgumentException("slots and eviction idle time must be >= 0, got " + slots + " and " + evictionIdleMs);
        }
        this.slots = slots;
        this.evictionIdleMs = evictionIdleMs;
        this.random = random;
    }

    public synchronized FetchSession get(int sessionId) {
        return sessions.get(sessionId);
    }

    /**
     * A new session holding {@code partitions}, or null when there is no room for it (see the class
     * comment). The map is the session's own from now on.
     */
    synchronized FetchSession create(boolean privileged, boolean usesTopicIds, LinkedHashMap<PartitionKey, CachedPartition> partitions,
                                     long nowMs) {
        if (sessions.size() >= slots && !evictFor(privileged, nowMs)) {
            sessionsRefused++;
            if (!refusing && slots > 0) {
                refusing = true;
                log.info("Fetch session cache full ({} sessions, none idle for {} ms): new sessions are refused, and their clients "
                        + "send full fetches, until one frees up; max.incremental.fetch.session.cache.slots sets the bound", slots,
                        evictionIdleMs);
            }
            return null;
        }
        int id;
        do {
            id = random.nextInt(1, Integer.MAX_VALUE);
        } while (sessions.containsKey(id));
        FetchSession s = new FetchSession(id, privileged, usesTopicIds, partitions, nowMs);
        sessions.put(id, s);
        sessionsCreated++;
        refusing = false;
        log.debug("Created fetch session {} ({}, {} partitions)", id, privileged ? "follower" : "consumer", partitions.size());
        return s;
    }

    private boolean evictFor(boolean privileged, long nowMs) {
        Iterator<FetchSession> it = sessions.values().iterator();
        while (it.hasNext()) {
            FetchSession s = it.next();
            boolean idle = nowMs - s.lastUsedMs >= evictionIdleMs;
            if (idle || (privileged && !s.privileged())) {
                it.remove();
                sessionsEvicted++;
                log.debug("Evicted fetch session {} ({})", s.id(),
                        idle ? "idle for " + (nowMs - s.lastUsedMs) + " ms" : "a follower needed the slot");
                return true;
            }
        }
        return false;
    }

    /** Marks {@code session} used now (most recently used), if it is still cached. */
    synchronized void touch(FetchSession session, long nowMs) {
        if (sessions.remove(session.id(), session)) {
            session.lastUsedMs = nowMs;
            sessions.put(session.id(), session);
        }
    }

    /** Closes a session; returns whether it existed. */
    synchronized boolean remove(int sessionId) {
        FetchSession s = sessions.remove(sessionId);
        if (s != null) {
            refusing = false;
            log.debug("Closed fetch session {}", sessionId);
        }
        return s != null;
    }

    public synchronized int size() {
        return sessions.size();
    }

    public int slots() {
        return slots;
    }

    /** Sessions handed out since start (a client using sessions makes this grow; for tests and metrics). */
    public synchronized long sessionsCreated() {
        return sessionsCreated;
    }

    public synchronized long sessionsEvicted() {
        return sessionsEvicted;
    }

    /** Full fetches that asked for a session and got none because the cache was full. */
    public synchronized long sessionsRefused() {
        return sessionsRefused;
    }

    /** Session ids, least recently used first. */
    synchronized List<Integer> idsByRecency() {
        return List.copyOf(sessions.keySet());
    }

    @Override
    public synchronized String toString() {
        return "FetchSessionCache(" + sessions.size() + "/" + slots + ")";
    }
}
