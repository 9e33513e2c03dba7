package io.tributary.broker.net.client;

import io.tributary.broker.config.QuorumVoter;
import io.tributary.wire.ClientCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker's channel to the active controller: it keeps one {@link NodeConnection} to the controller that
 * its {@link ControllerDiscovery} finds among the voters of {@code controller.quorum.voters}, and sends
 * requests there, following the controller when it moves. The clients of one node share one discovery
 * ({@link #ControllerClient(ControllerDiscovery, ClientTransport, ClientSettings)}), so that when one of
 * them learns where the controller went, the others go there at once instead of each searching on its own.
 *
 * <p>{@link #send} retries transparently, until the caller's deadline, when the attempt failed because
 * the controller answered {@code NOT_CONTROLLER} for the whole request, the connection closed, or the
 * attempt timed out (after {@link ClientSettings#requestTimeoutMs()}); each such failure sends the client
 * back to the discovery, which answers with the controller another client has found since, or searches
 * with a capped, jittered backoff between consecutive failed rounds ({@link DiscoveryBackoff}). Whether a
 * request that may already have reached the controller is sent again is the request's {@link RetryRule}:
 * by default CreateTopics, DeleteTopics, CreatePartitions and UnregisterBroker are retried only when the
 * controller certainly did not act on them (never delivered, or refused with {@code NOT_CONTROLLER}); every
 * other API is idempotent and retried after any of the failures above. Not retried, whatever the rule:
 * {@link ConnectionBusyException} (backpressure for the caller), {@link UnsupportedVersionException}, a
 * response that does not parse, and a request the version cannot carry.
 *
 * <p>{@link #onControllerChange} listeners hear of every new connection to the active controller (the
 * broker registers again then, since a controller fences a broker whose heartbeat connection closed).
 *
 * <p>Kafka answers a connection's requests in order, so one slow request (the metadata long-poll Fetch,
 * which waits up to its {@code maxWaitMs}) delays the answers behind it. An owner that must not have
 * heartbeats wait behind a long poll uses two clients, each with its own connection, sharing one discovery.
 *
 * <p>Threading: every method may be called from any thread. Futures complete, and listeners run, on the
 * transport's event loops: they must not block.
 */
public final class ControllerClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerClient.class);

    private final ClientTransport transport;
    private final ClientSettings settings;
    private final ControllerDiscovery discovery;
    private final boolean ownsDiscovery;
    private final ControllerLink link;
    private final List<Consumer<ControllerChange>> listeners = new CopyOnWriteArrayList<>();

    /**
     * A client with a discovery of its own (closed with it), probing the voters with {@code settings}.
     *
     * @param voters    voter id to its CONTROLLER endpoint, as in {@code controller.quorum.voters}
     *                  ({@link #voters} converts the parsed config)
     * @param transport the event loops to connect and time on; not closed by this client
     */
    public ControllerClient(Map<Integer, InetSocketAddress> voters, ClientTransport transport, ClientSettings settings) {
        this(new ControllerDiscovery(voters, transport, settings), true, transport, settings);
    }

    /**
     * A client that follows the controller {@code discovery} finds, sharing it with other clients; the
     * discovery's owner closes it after the clients.
     *
     * @param transport the event loops to connect and time on; not closed by this client
     */
    public ControllerClient(ControllerDiscovery discovery, ClientTransport transport, ClientSettings settings) {
        this(discovery, false, transport, settings);
    }

    /** With the backoff and its randomness chosen by the caller (tests); the discovery is its own. */
    ControllerClient(Map<Integer, InetSocketAddress> voters, ClientTransport transport, ClientSettings settings,
                     DiscoveryBackoff backoff, DoubleSupplier random) {
        this(new ControllerDiscovery(voters, transport, settings, backoff, random), true, transport, settings);
    }

    private ControllerClient(ControllerDiscovery discovery, boolean ownsDiscovery, ClientTransport transport, ClientSettings settings) {
        this.transport = transport;
        this.settings = settings;
        this.discovery = discovery;
        this.ownsDiscovery = ownsDiscovery;
        this.link = new ControllerLink(discovery, transport, settings, this::announce);
    }

    /** {@code controller.quorum.voters} as this client takes it: id to an unresolved address. */
    public static Map<Integer, InetSocketAddress> voters(List<QuorumVoter> parsed) {
        return parsed.stream().collect(Collectors.toUnmodifiableMap(QuorumVoter::id,
                v -> InetSocketAddress.createUnresolved(v.host(), v.port())));
    }

    /** Starts looking for the active controller now, rather than at the first {@link #send}. */
    public void start() {
        link.active();
    }

    /** {@link #send(ClientCodec, Object, long, RetryRule)} with {@link RetryRule#defaultFor} the codec's API. */
    public <Q, R> CompletableFuture<R> send(ClientCodec<Q, R> codec, Q request, long timeoutMs) {
        return send(codec, request, timeoutMs, RetryRule.defaultFor(codec.apiKey()));
    }

    /**
     * Sends {@code request} to the active controller and completes with its answer (which may carry
     * errors other than a whole-request {@code NOT_CONTROLLER}: those are the caller's to handle).
     *
     * @param timeoutMs the deadline for the whole call, retries and discovery included; on expiry the
     *                  future fails with {@link RequestTimeoutException} (whose cause is the last attempt's
     *                  failure, if any). An attempt still in flight then is left to finish on its connection,
     *                  which stays usable; its answer is dropped.
     * @return a future that also fails with the non-retried failures named in the class comment, with an
     *         attempt's {@link DisconnectedException} or {@link RequestTimeoutException} when
     *         {@code rule} forbids sending again, or with {@link DisconnectedException} once closed
     */
    public <Q, R> CompletableFuture<R> send(ClientCodec<Q, R> codec, Q request, long timeoutMs, RetryRule rule) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + timeoutMs);
        }
        Call<Q, R> call = new Call<>(codec, request, rule, timeoutMs);
        call.start();
        return call.result;
    }

    /** Runs {@code listener} for every new connection to the active controller (on an event loop). */
    public void onControllerChange(Consumer<ControllerChange> listener) {
        listeners.add(listener);
    }

    /** The active controller's node id, or -1 while it is being looked for. */
    public int activeControllerId() {
        return link.activeId();
    }

    /**
     * Closes the connection (and the discovery, if it is this client's own); calls in progress fail with
     * {@link DisconnectedException}. Idempotent.
     */
    @Override
    public void close() {
        link.close();
        if (ownsDiscovery) {
            discovery.close();
        }
    }

    private void announce(ControllerChange change) {
        for (Consumer<ControllerChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.error("A listener for the active controller failed on {}", change, e);
            }
        }
    }

    /** One {@link #send}: its attempts, its deadline, and what went wrong last. */
    private final class Call<Q, R> {
        final ClientCodec<Q, R> codec;
        final Q request;
        final RetryRule rule;
        final long timeoutMs;
        final CompletableFuture<R> result = new CompletableFuture<>();
        /** What went wrong with the last attempt, for the deadline's message; its exception, if it had one. */
        private volatile String lastProblem;
        private volatile Throwable lastFailure;
        private volatile boolean maybeDelivered;
        private volatile int attempts;
        /** An attempt has been handed to a connection and not answered: the controller may be acting on it. */
        private volatile boolean attemptInFlight;
        private ScheduledFuture<?> deadline;

        Call(ClientCodec<Q, R> codec, Q request, RetryRule rule, long timeoutMs) {
            this.codec = codec;
            this.request = request;
            this.rule = rule;
            this.timeoutMs = timeoutMs;
        }

        void start() {
            try {
                deadline = transport.scheduler().schedule(this::expire, timeoutMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new DisconnectedException("the controller client's event loops have stopped", e, false));
                return;
            }
            result.whenComplete((r, e) -> deadline.cancel(false));
            attempt();
        }

        private void attempt() {
            if (result.isDone()) {
                return;
            }
            link.active().whenComplete((active, err) -> {
                if (err != null) {
                    result.completeExceptionally(Futures.unwrap(err));
                    return;
                }
                if (result.isDone()) {
                    return;
                }
                attempts++;
                attemptInFlight = true;
                active.connection().send(codec, request, settings.requestTimeoutMs())
                        .whenComplete((response, failure) -> answered(active, response, failure));
            });
        }

        private void answered(ControllerLink.Active active, R response, Throwable failure) {
            attemptInFlight = false;
            if (failure == null) {
                if (NotControllerCheck.isNotController(response)) {
                    // Refused whole, nothing done: safe to send anywhere, whatever the rule.
                    lastProblem = active + " answered NOT_CONTROLLER";
                    lastFailure = null;
                    link.invalidate(active, "it answered " + codec.name() + " with NOT_CONTROLLER");
                    attempt();
                    return;
                }
                link.succeeded(active);
                result.complete(response);
                return;
            }
            Throwable cause = Futures.unwrap(failure);
            lastProblem = cause.getMessage();
            lastFailure = cause;
            if (cause instanceof DisconnectedException || cause instanceof RequestTimeoutException) {
                NetworkClientException n = (NetworkClientException) cause;
                maybeDelivered |= n.maybeDelivered();
                link.invalidate(active, cause.getMessage());
                if (rule.allowsRetryAfter(n)) {
                    attempt();
                } else {
                    log.info("Not sending {} to the controller again: it may have been applied ({}); the caller decides",
                            codec.name(), cause.getMessage());
                    result.completeExceptionally(cause);
                }
                return;
            }
            result.completeExceptionally(cause);
        }

        private void expire() {
            if (result.isDone()) {
                return;
            }
            String problem = lastProblem;
            result.completeExceptionally(new RequestTimeoutException(codec.name() + " got no answer from the active controller within "
                    + timeoutMs + " ms (" + attempts + " attempts" + (problem == null ? "" : "; last: " + problem) + ")",
                    lastFailure, maybeDelivered || attemptInFlight));
        }
    }
}
