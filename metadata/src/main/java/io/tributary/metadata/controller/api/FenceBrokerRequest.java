package io.tributary.metadata.controller.api;

import java.util.Objects;

/**
 * The controller fences a broker for a reason it learned outside the broker's own heartbeats (the
 * connection those heartbeats arrived on closed, so the process is most likely gone). The broker's
 * session ends at once: a restarted process with a new incarnation may register without waiting
 * out {@code broker.session.timeout.ms}, and a live broker that reconnects heartbeats its way back.
 *
 * <p>Only the registration with {@code brokerEpoch} is fenced: a broker that registered again
 * since (a newer epoch) is left alone, so an old connection closing late cannot fence its successor.
 *
 * @param reason said in the controller's log line, for operators
 */
public record FenceBrokerRequest(int brokerId, long brokerEpoch, String reason) implements ControllerCommand<ApiError> {

    public FenceBrokerRequest {
        Objects.requireNonNull(reason, "reason");
    }
}
