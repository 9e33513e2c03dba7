package io.tributary.broker.cluster;

import io.tributary.common.Time;
import io.tributary.broker.net.client.ControllerChange;
import io.tributary.broker.net.client.ControllerClient;
import io.tributary.common.ErrorCode;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatClientCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatRequest;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationClientCodec;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationRequest;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's life as the active controller sees it, over the network: register (a new broker
 * epoch each time; fenced until caught up), heartbeat every {@code broker.heartbeat.interval.ms} with
 * the metadata offset applied, be unfenced once caught up, register again when the controller no
 * longer knows this registration, and at a clean stop ask for a controlled shutdown.
 *
 * <p>States and their legal transitions (anything else throws {@link IllegalStateException}):
 * <pre>
 *   NEW --start--> REGISTERING --registered--> FENCED --heartbeat: unfenced--> ACTIVE
 *   ACTIVE --heartbeat: fenced--> FENCED      (its connection closed, or its session lapsed)
 *   FENCED | ACTIVE --heartbeat: STALE_BROKER_EPOCH | BROKER_ID_NOT_REGISTERED--> REGISTERING
 *   FENCED | ACTIVE --controlledShutdown--> SHUTTING_DOWN --close--> STOPPED;  any --close--> STOPPED
 * </pre>
 *
 * <p>A registration refused with {@code DUPLICATE_BROKER_REGISTRATION} (the previous process's
 * session still looks alive to the controller) is retried with backoff: the old session ends when
 * its connection closes or lapses after {@code broker.session.timeout.ms}. Sending the epoch saved at
 * the last clean shutdown ({@code previousBrokerEpoch}, KIP-966) lets the controller end it at once.
 *
 * <p>A new active controller gives every broker a full session; the heartbeat sent at once on every new
 * controller connection ({@link ControllerClient#onControllerChange}) binds this broker to the new
 * connection well within it.
 *
 * <p>Threading: ticks run on the broker's scheduler; answers arrive on the controller client's event
 * loop. State is guarded by this object's monitor; at most one registration and one heartbeat are in
 * flight.
 */
public final class BrokerLifecycleManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerLifecycleManager.class);

    /** Backoff between registration attempts: from one heartbeat interval, doubling, capped here. */
    static final long REGISTRATION_BACKOFF_MAX_MS = 2_000;

    enum State { NEW, REGISTERING, FENCED, ACTIVE, SHUTTING_DOWN, STOPPED }

    /** What a registration announces, fixed for the life of the process. */
    public record Announcement(String clusterId, List<BrokerRegistrationRequest.Listener> listeners, String rack,
                               UUID incarnationId, long previousBrokerEpoch) {
    }

    private final int nodeId;
    private final Time time;
    private final ControllerClient controller;
    private final ScheduledExecutorService timer;
    private final LongSupplier appliedOffset;
    private final Announcement announcement;
    private final long heartbeatIntervalMs;
    private final long sessionTimeoutMs;
    private final Consumer<Throwable> onFatal;
    private final CompletableFuture<Void> firstUnfenced = new CompletableFuture<>();

    // Guarded by this.
    private State state = State.NEW;
    private boolean registrationInFlight;
    private boolean heartbeatInFlight;
    private int registrationFailures;
    private long nextRegistrationNs;
    private ScheduledFuture<?> ticker;

    private volatile long brokerEpoch = -1;

    /**
     * @param appliedOffset the offset of the metadata this broker has applied (its partitions included)
     * @param onFatal       told when the controller refuses this broker for good (another cluster's id)
     */
    public BrokerLifecycleManager(int nodeId, ControllerClient controller, ScheduledExecutorService timer, LongSupplier appliedOffset,
                                  Announcement announcement, long heartbeatIntervalMs, long sessionTimeoutMs, Time time,
                                  Consumer<Throwable> onFatal) {
        this.nodeId = nodeId;
        this.time = time;
        this.controller = controller;
        this.timer = timer;
        this.appliedOffset = appliedOffset;
        this.announcement = announcement;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.onFatal = onFatal;
    }

    /** The current broker epoch, -1 before the first registration. */
    public long brokerEpoch() {
        return brokerEpoch;
    }

    public synchronized boolean isActive() {
        return state == State.ACTIVE;
    }

    synchronized State state() {
        return state;
    }

    /** Completes the first time the controller unfences this broker. */
    public CompletableFuture<Void> firstUnfenced() {
        return firstUnfenced;
    }

    /** Registers now and heartbeats from then on. */
    public void start() {
        synchronized (this) {
            requireState("start", State.NEW);
            state = State.REGISTERING;
            nextRegistrationNs = time.nanoseconds();
            ticker = timer.scheduleWithFixedDelay(this::tick, heartbeatIntervalMs, heartbeatIntervalMs, TimeUnit.MILLISECONDS);
        }
        controller.onControllerChange(this::controllerChanged);
        tick();
    }

    private void requireState(String action, State... allowed) {
        for (State s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException("node " + nodeId + " cannot " + action + " while " + state);
    }

    /** Every heartbeat interval, and at once when something changed: register or heartbeat, whichever is due. */
    private void tick() {
        boolean register = false;
        boolean heartbeat = false;
        synchronized (this) {
            if (state == State.REGISTERING && !registrationInFlight && time.nanoseconds() - nextRegistrationNs >= 0) {
                registrationInFlight = true;
                register = true;
            } else if ((state == State.FENCED || state == State.ACTIVE) && !heartbeatInFlight) {
                heartbeatInFlight = true;
                heartbeat = true;
            }
        }
        if (register) {
            register();
        } else if (heartbeat) {
            long epoch = brokerEpoch;
            sendHeartbeat(epoch, false).whenComplete((r, e) -> heartbeatAnswered(epoch, r, e));
        }
    }

    private void register() {
        BrokerRegistrationRequest request = new BrokerRegistrationRequest(nodeId, announcement.clusterId(),
                announcement.incarnationId(), announcement.listeners(), List.of(), announcement.rack(), false, List.of(),
                announcement.previousBrokerEpoch());
        controller.send(BrokerRegistrationClientCodec.INSTANCE, request, Math.max(sessionTimeoutMs, 5_000))
                .whenComplete(this::registrationAnswered);
    }

    private void registrationAnswered(BrokerRegistrationResponse r, Throwable error) {
        String problem;
        synchronized (this) {
            registrationInFlight = false;
            if (state != State.REGISTERING) {
                return;
            }
            if (error == null && r.error() == ErrorCode.NONE) {
                brokerEpoch = r.brokerEpoch();
                state = State.FENCED;
                registrationFailures = 0;
                log.info("Node {} registered with the controller {}: broker epoch {}, incarnation {}; fenced until its metadata "
                                + "reaches its registration", nodeId, controller.activeControllerId(), r.brokerEpoch(),
                        announcement.incarnationId());
                problem = null;
            } else if (error == null && r.error() == ErrorCode.INCONSISTENT_CLUSTER_ID) {
                state = State.STOPPED;
                problem = "the controller refused node " + nodeId + ": its log directories belong to cluster "
                        + announcement.clusterId() + ", another cluster than the controller's";
            } else {
                registrationFailures++;
                long delayMs = Math.min(REGISTRATION_BACKOFF_MAX_MS, heartbeatIntervalMs << Math.min(registrationFailures - 1, 10));
                nextRegistrationNs = time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(delayMs);
                String why = error != null ? String.valueOf(error.getMessage())
                        : r.error() == ErrorCode.DUPLICATE_BROKER_REGISTRATION
                        ? "DUPLICATE_BROKER_REGISTRATION: the controller still sees the previous process's session; it ends when "
                        + "that connection closes or after broker.session.timeout.ms (" + sessionTimeoutMs + " ms)"
                        : r.error().name();
                if (registrationFailures == 1 || registrationFailures % 10 == 0) {
                    log.info("Node {}: registration attempt {} failed: {}; retrying in {} ms", nodeId, registrationFailures, why, delayMs);
                }
                return;
            }
        }
        if (problem != null) {
            log.error("{}", problem);
            onFatal.accept(new IllegalStateException(problem));
            return;
        }
        // Heartbeat at once rather than an interval later: the controller unfences on a heartbeat.
        tick();
    }

    private CompletableFuture<BrokerHeartbeatResponse> sendHeartbeat(long epoch, boolean wantShutDown) {
        BrokerHeartbeatRequest hb = new BrokerHeartbeatRequest(nodeId, epoch, appliedOffset.getAsLong(), false, wantShutDown, List.of());
        return controller.send(BrokerHeartbeatClientCodec.INSTANCE, hb, sessionTimeoutMs);
    }

    private void heartbeatAnswered(long epoch, BrokerHeartbeatResponse r, Throwable error) {
        boolean registerNow = false;
        synchronized (this) {
            heartbeatInFlight = false;
            if (error != null) {
                log.debug("Node {}: heartbeat (broker epoch {}) failed: {}", nodeId, epoch, error.toString());
                return;
            }
            if (epoch != brokerEpoch || (state != State.FENCED && state != State.ACTIVE)) {
                return;
            }
            switch (r.error()) {
                case NONE -> {
                    if (state == State.FENCED && !r.isFenced()) {
                        state = State.ACTIVE;
                        log.info("Node {} is unfenced by the controller {} (broker epoch {}, metadata offset {}): serving as a broker",
                                nodeId, controller.activeControllerId(), epoch, appliedOffset.getAsLong());
                        firstUnfenced.complete(null);
                    } else if (state == State.ACTIVE && r.isFenced()) {
                        state = State.FENCED;
                        log.warn("Node {} is fenced by the controller {} (broker epoch {}): its heartbeat connection closed or its "
                                + "session lapsed; it is unfenced again once caught up", nodeId, controller.activeControllerId(), epoch);
                    }
                }
                case STALE_BROKER_EPOCH, BROKER_ID_NOT_REGISTERED -> {
                    log.warn("Node {} registers again: the controller {} answered its heartbeat (broker epoch {}) with {}", nodeId,
                            controller.activeControllerId(), epoch, r.error());
                    state = State.REGISTERING;
                    registrationFailures = 0;
                    nextRegistrationNs = time.nanoseconds();
                    registerNow = true;
                }
                default -> log.info("Node {}: heartbeat (broker epoch {}) refused: {}", nodeId, epoch, r.error());
            }
        }
        if (registerNow) {
            tick();
        }
    }

    private void controllerChanged(ControllerChange change) {
        if (change.isNewController()) {
            log.info("Node {}: the active controller is now node {} at {}:{} (was {})", nodeId, change.controllerId(), change.host(),
                    change.port(), change.previousControllerId() < 0 ? "none" : "node " + change.previousControllerId());
        } else {
            log.info("Node {}: reconnected to the active controller, node {} at {}:{}", nodeId, change.controllerId(), change.host(),
                    change.port());
        }
        // Heartbeat on the new connection now: it binds this broker to it, within the new controller's grace period.
        tick();
    }

    /**
     * Asks the controller to move this broker's leaderships away and waits, at most {@code timeoutMs},
     * until it answers {@code shouldShutDown}. Blocks; not on an event loop. Returns whether it finished.
     *
     * @param offsetAdvanced waits (bounded) until this broker's metadata moves past the given offset, so a
     *                       new heartbeat reports progress rather than polling the controller blindly
     */
    public boolean controlledShutdown(long timeoutMs, OffsetWait offsetAdvanced) {
        long epoch;
        synchronized (this) {
            if (state != State.FENCED && state != State.ACTIVE) {
                log.info("Node {}: no controlled shutdown ({}): nothing to hand over", nodeId, state);
                return false;
            }
            state = State.SHUTTING_DOWN;
            epoch = brokerEpoch;
        }
        long startNs = time.nanoseconds();
        long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        log.info("Node {} begins a controlled shutdown (broker epoch {}): asking the controller to move its leaderships away", nodeId, epoch);
        int attempts = 0;
        long lastAnswerNs = startNs;
        while (time.nanoseconds() - deadlineNs < 0) {
            if (time.nanoseconds() - lastAnswerNs > TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs)) {
                // No controller has answered for a whole session (the quorum is gone, as when a whole dev cluster
                // stops at once): waiting longer cannot help; a controller that comes back fences this broker.
                log.warn("Node {}: controlled shutdown abandoned after {} ms: no active controller answered for {} ms "
                        + "(broker.session.timeout.ms)", nodeId, (time.nanoseconds() - startNs) / 1_000_000, sessionTimeoutMs);
                return false;
            }
            attempts++;
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - time.nanoseconds()));
            long offset = appliedOffset.getAsLong();
            try {
                BrokerHeartbeatResponse r = sendHeartbeat(epoch, true).get(remainingMs, TimeUnit.MILLISECONDS);
                lastAnswerNs = time.nanoseconds();
                if (r.error() == ErrorCode.NONE && r.shouldShutDown()) {
                    log.info("Node {}: controlled shutdown complete in {} ms ({} heartbeat(s)): it leads nothing and is fenced", nodeId,
                            (time.nanoseconds() - startNs) / 1_000_000, attempts);
                    return true;
                }
                if (r.error() == ErrorCode.STALE_BROKER_EPOCH || r.error() == ErrorCode.BROKER_ID_NOT_REGISTERED) {
                    log.info("Node {}: controlled shutdown ends early: the controller answered {}", nodeId, r.error());
                    return false;
                }
            } catch (ExecutionException | TimeoutException e) {
                log.debug("Node {}: controlled-shutdown heartbeat failed: {}", nodeId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long waitMs = Math.min(heartbeatIntervalMs, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - time.nanoseconds())));
            offsetAdvanced.await(offset + 1, waitMs);
        }
        log.warn("Node {}: controlled shutdown did not finish within {} ms ({} heartbeat(s)); stopping anyway, its leaderships "
                + "move when the controller fences it", nodeId, timeoutMs, attempts);
        return false;
    }

    /** Waits, bounded, until the metadata applied here reaches an offset. */
    @FunctionalInterface
    public interface OffsetWait {
        void await(long offset, long timeoutMs);
    }

    /** Stops heartbeating. The controller fences this broker when its heartbeat connection closes. */
    @Override
    public void close() {
        synchronized (this) {
            state = State.STOPPED;
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
        firstUnfenced.completeExceptionally(new IllegalStateException("node " + nodeId + " stopped"));
    }
}
