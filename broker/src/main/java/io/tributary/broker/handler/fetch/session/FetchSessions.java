package io.tributary.broker.handler.fetch.session;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.fetch.FetchRequest;

/**
 * The fetch-session state machine (KIP-227): what a Fetch request's session id and epoch mean.
 *
 * <pre>
 *   session id  epoch   meaning
 *   0           -1      full fetch, no session                            -> Sessionless
 *   any         0       full fetch; closes the named session, asks a new   -> Full
 *   n != 0      -1      full fetch; closes session n, asks none            -> Sessionless
 *   n           e > 0   incremental fetch of session n at epoch e          -> Incremental, or
 *                       FETCH_SESSION_ID_NOT_FOUND (no session n; also for id 0),
 *                       INVALID_FETCH_SESSION_EPOCH (session n expects another epoch),
 *                       FETCH_SESSION_TOPIC_ID_ERROR (the request names topics the other way: by
 *                       id from v13, by name before, than the session was created with)
 * </pre>
 *
 * An incremental request that leaves its session empty closes it and is answered as sessionless.
 * A refused request leaves its session as it was: the client answers any session error with a
 * full fetch, which closes it.
 */
public final class FetchSessions {

    public static final int INVALID_SESSION_ID = 0;
    public static final int INITIAL_EPOCH = 0;
    public static final int FINAL_EPOCH = -1;

    private final FetchSessionCache cache;

    public FetchSessions(FetchSessionCache cache) {
        this.cache = cache;
    }

    public FetchSessionCache cache() {
        return cache;
    }

    /**
     * @param usesTopicIds whether the request names topics by id (Fetch v13+)
     * @param nowMs        monotonic time, for the cache's recency
     */
    public FetchContext open(FetchRequest request, boolean usesTopicIds, long nowMs) {
        int id = request.sessionId();
        int epoch = request.sessionEpoch();
        if (epoch == INITIAL_EPOCH || epoch == FINAL_EPOCH) {
            if (id != INVALID_SESSION_ID) {
                cache.remove(id);
            }
            return epoch == FINAL_EPOCH ? new FetchContext.Sessionless(request)
                    : new FetchContext.Full(request, cache, usesTopicIds, nowMs);
        }
        FetchSession session = cache.get(id);
        if (session == null) {
            return new FetchContext.SessionError(request, ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
        }
        synchronized (session) {
            if (session.epoch() != epoch) {
                return new FetchContext.SessionError(request, ErrorCode.INVALID_FETCH_SESSION_EPOCH);
            }
            if (session.usesTopicIds() != usesTopicIds) {
                return new FetchContext.SessionError(request, ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR);
            }
            FetchRequest toRead = session.accept(request);
            if (session.size() == 0) {
                cache.remove(id);
                return new FetchContext.Sessionless(toRead);
            }
            cache.touch(session, nowMs);
            return new FetchContext.Incremental(toRead, session);
        }
    }
}
