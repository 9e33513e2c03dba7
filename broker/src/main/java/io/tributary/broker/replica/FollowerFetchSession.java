package io.tributary.broker.replica;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The follower's side of a fetch session (KIP-227) with one leader, so that a follower of hundreds
 * of partitions does not send them all in every fetch. Pure: no I/O, no clock.
 *
 * <p>The first fetch is a full one (session id 0, epoch 0: "create a session"). If the leader
 * answers with a session id, later fetches are incremental: epoch 1, 2, ...; they carry only the
 * partitions whose fetch state changed since the last request (a new fetch offset, epoch, log start
 * or byte limit) and, in {@code forgotten topics}, the partitions no longer fetched. The leader
 * remembers the rest and answers only for partitions with news. Any session error
 * ({@code FETCH_SESSION_ID_NOT_FOUND}, {@code INVALID_FETCH_SESSION_EPOCH}, ...), a failed request,
 * or a leader that answers session id 0 sends the next fetch in full again.
 *
 * <p>Legal transitions:
 * <pre>
 *   NO_SESSION --build--> full fetch (epoch 0) --onResponse(id > 0)--> SESSION(id, epoch 1)
 *   NO_SESSION --onResponse(id 0)--> NO_SESSION (the leader keeps no sessions: every fetch is full)
 *   SESSION(id, e) --build--> incremental (epoch e) --onResponse(NONE)--> SESSION(id, e + 1)
 *   any --onResponse(error) / onFailure--> NO_SESSION
 * </pre>
 */
final class FollowerFetchSession {

    /** One partition's fetch as last sent, to tell what changed. */
    record Sent(TopicId topicId, String topic, FetchRequest.Partition partition) {
    }

    private int sessionId;                       // 0: none
    private int nextEpoch;                       // 0 asks for a new session
    private final Map<TopicPartition, Sent> inSession = new LinkedHashMap<>();
    private Map<TopicPartition, Sent> pending;   // what the request in flight will make the session hold

    /** The session id the leader handed out, or 0. */
    int sessionId() {
        return sessionId;
    }

    /**
     * The topics and forgotten topics of the next fetch for {@code wanted} (every partition to fetch
     * now, with its current state), and the session id and epoch to send.
     */
    Request build(Map<TopicPartition, Sent> wanted) {
        boolean full = sessionId == 0;
        Map<TopicId, List<FetchRequest.Partition>> topics = new LinkedHashMap<>();
        Map<TopicId, String> names = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, Sent> e : wanted.entrySet()) {
            Sent s = e.getValue();
            Sent before = inSession.get(e.getKey());
            if (full || before == null || !Objects.equals(before, s)) {
                topics.computeIfAbsent(s.topicId(), k -> new ArrayList<>()).add(s.partition());
                names.put(s.topicId(), s.topic());
            }
        }
        List<FetchRequest.ForgottenTopic> forgotten = new ArrayList<>();
        if (!full) {
            Map<TopicId, List<Integer>> gone = new LinkedHashMap<>();
            Map<TopicId, String> goneNames = new LinkedHashMap<>();
            for (Map.Entry<TopicPartition, Sent> e : inSession.entrySet()) {
                if (!wanted.containsKey(e.getKey())) {
                    gone.computeIfAbsent(e.getValue().topicId(), k -> new ArrayList<>()).add(e.getKey().partition());
                    goneNames.put(e.getValue().topicId(), e.getKey().topic());
                }
            }
            gone.forEach((id, parts) -> forgotten.add(new FetchRequest.ForgottenTopic(goneNames.get(id), id, parts)));
        }
        List<FetchRequest.Topic> out = new ArrayList<>();
        topics.forEach((id, parts) -> out.add(new FetchRequest.Topic(names.get(id), id, parts)));
        pending = new LinkedHashMap<>(wanted);
        return new Request(sessionId, full ? 0 : nextEpoch, out, forgotten);
    }

    /** What {@link #build} decided. */
    record Request(int sessionId, int sessionEpoch, List<FetchRequest.Topic> topics, List<FetchRequest.ForgottenTopic> forgotten) {
    }

    /** The leader answered the request {@link #build} made last. */
    void onResponse(FetchResponse response) {
        if (response.error() != ErrorCode.NONE || response.sessionId() == 0) {
            reset();
            return;
        }
        if (sessionId == 0) {
            sessionId = response.sessionId();
            nextEpoch = 1;
        } else {
            nextEpoch = nextEpoch == Integer.MAX_VALUE ? 1 : nextEpoch + 1;
        }
        inSession.clear();
        if (pending != null) {
            inSession.putAll(pending);
        }
        pending = null;
    }

    /** The request failed or was not answered: the leader's view of the session is unknown. */
    void reset() {
        sessionId = 0;
        nextEpoch = 0;
        inSession.clear();
        pending = null;
    }
}
