package io.tributary.broker.handler.fetch.session;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What one Fetch request means for sessions, decided by {@link FetchSessions#open} before anything is
 * read: which partitions to read ({@link #toRead}), and how to turn what was read into the response
 * ({@link #respond}: which partitions to include, which session id to give). Reading itself (the
 * fetch plan, the purgatory) knows nothing of sessions.
 */
public sealed interface FetchContext {

    /** The request to read: the request itself, or for an incremental fetch every partition of the session. */
    FetchRequest toRead();

    /** The response to send, given what reading {@link #toRead()} produced. */
    FetchResponse respond(FetchResponse read);

    /** A full fetch without a session (session id 0, epoch -1; or a session just closed): answered as read, session id 0. */
    record Sessionless(FetchRequest toRead) implements FetchContext {

        @Override
        public FetchResponse respond(FetchResponse read) {
            return withSessionId(read, FetchSessions.INVALID_SESSION_ID);
        }
    }

    /**
     * A request refused for its session ({@code FETCH_SESSION_ID_NOT_FOUND}, {@code INVALID_FETCH_SESSION_EPOCH},
     * {@code FETCH_SESSION_TOPIC_ID_ERROR}): nothing is read, and the answer is the top-level error alone,
     * which makes the client start over with a full fetch.
     */
    record SessionError(FetchRequest request, ErrorCode error) implements FetchContext {

        @Override
        public FetchRequest toRead() {
            return new FetchRequest(request.replicaId(), request.replicaEpoch(), request.maxWaitMs(), request.minBytes(),
                    request.maxBytes(), request.isolationLevel(), request.sessionId(), request.sessionEpoch(), List.of(), List.of(),
                    request.rackId(), request.clusterId());
        }

        /** The answer, which needs nothing read. */
        public FetchResponse response() {
            return new FetchResponse(0, error, FetchSessions.INVALID_SESSION_ID, List.of(), List.of());
        }

        @Override
        public FetchResponse respond(FetchResponse read) {
            return response();
        }
    }

    /**
     * A full fetch (epoch 0) that asks for a session: everything read is sent, and a session holding
     * the request's partitions is created from the response (what each partition was told), if the
     * cache has room; otherwise the answer says session id 0 and the client keeps sending full fetches.
     */
    record Full(FetchRequest toRead, FetchSessionCache cache, boolean usesTopicIds, long nowMs) implements FetchContext {

        @Override
        public FetchResponse respond(FetchResponse read) {
            if (toRead.topics().isEmpty()) {
                // Nothing to hold: a slot would be wasted, and an empty session is closed at its next use anyway.
                return withSessionId(read, FetchSessions.INVALID_SESSION_ID);
            }
            LinkedHashMap<PartitionKey, CachedPartition> partitions = new LinkedHashMap<>();
            ReadPairs.forEach(toRead, read, (topicIndex, key, request, response) -> {
                CachedPartition cached = new CachedPartition(request);
                cached.mustRespond(response);
                partitions.put(key, cached);
            });
            FetchSession session = cache.create(toRead.fromFollower(), usesTopicIds, partitions, nowMs);
            return withSessionId(read, session == null ? FetchSessions.INVALID_SESSION_ID : session.id());
        }
    }

    /**
     * An incremental fetch (epoch > 0) of an existing session, already applied to it: every partition
     * of the session was read, and only those with something new are sent (Kafka's rule,
     * {@link CachedPartition#mustRespond}).
     */
    record Incremental(FetchRequest toRead, FetchSession session) implements FetchContext {

        @Override
        public FetchResponse respond(FetchResponse read) {
            List<List<FetchResponse.PartitionResponse>> kept = new ArrayList<>();
            read.topics().forEach(t -> kept.add(new ArrayList<>()));
            ReadPairs.forEach(toRead, read, (topicIndex, key, request, response) -> {
                if (session.mustRespond(key, response)) {
                    kept.get(topicIndex).add(response);
                }
            });
            List<FetchResponse.TopicResponse> topics = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                if (!kept.get(i).isEmpty()) {
                    FetchResponse.TopicResponse t = read.topics().get(i);
                    topics.add(new FetchResponse.TopicResponse(t.name(), t.topicId(), kept.get(i)));
                }
            }
            return new FetchResponse(read.throttleTimeMs(), read.error(), session.id(), topics, read.nodeEndpoints());
        }
    }

    private static FetchResponse withSessionId(FetchResponse read, int sessionId) {
        return new FetchResponse(read.throttleTimeMs(), read.error(), sessionId, read.topics(), read.nodeEndpoints());
    }
}
