package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.controller.LocalController;
import io.tributary.broker.controller.LocalMetadataLog;
import io.tributary.broker.controller.NodeRegistration;
import io.tributary.broker.handler.HandlerDispatcher;
import io.tributary.broker.image.MetadataPublisher;
import io.tributary.broker.network.NettyServer;
import io.tributary.broker.network.NetworkSettings;
import io.tributary.broker.network.RequestDispatcher;
import io.tributary.broker.partition.LogDirs;
import io.tributary.broker.partition.MetaProperties;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.log.Scheduler;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.RequestReader;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, assembled: log directories, the metadata log and in-process controller, the partitions,
 * the handlers, and the network server. {@link #start} returns once the node serves clients;
 * {@link #close} stops it cleanly and may be called from any thread, any number of times.
 *
 * <p>Threads: {@code tributary-network-*} (Netty event loops, {@code num.network.threads}) read,
 * handle and answer requests; {@code tributary-controller} runs every metadata change and applies
 * committed metadata to the partitions; {@code tributary-scheduler-*} runs retention, heartbeats,
 * log flushes and directory deletion; {@code tributary-purgatory} expires delayed fetches and produces;
 * {@code tributary-io-*} ({@code num.io.threads}) runs appends that fsync ({@code flush.messages}).
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    /** Delayed operations each purgatory holds at most; beyond it requests are answered early. */
    static final int PURGATORY_OPERATIONS_MAX = 50_000;
    private static final long STARTUP_STEP_TIMEOUT_MS = 60_000;
    private static final long SHUTDOWN_DRAIN_MS = 5_000;

    private final BrokerConfig config;
    private final Time time = Time.SYSTEM;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ScheduledThreadPoolExecutor purgatoryTimer;
    private final ThreadPoolExecutor io;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private LogDirs logDirs;
    private LogDirs metadataDirLock;
    private Purgatory<TopicPartition> fetchPurgatory;
    private Purgatory<TopicPartition> producePurgatory;
    private ReplicaManager replicas;
    private MetadataPublisher publisher;
    private LocalController controller;
    private NodeRegistration registration;
    private NettyServer server;
    private List<NettyServer.Bound> bound = List.of();
    private boolean closing;

    private Broker(BrokerConfig config) {
        this.config = config;
        this.scheduler = executor(2, "tributary-scheduler");
        this.purgatoryTimer = executor(1, "tributary-purgatory");
        AtomicInteger n = new AtomicInteger();
        // Bounded like a connection's in-flight set; when full, callers run the work themselves.
        this.io = new ThreadPoolExecutor(config.numIoThreads(), config.numIoThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queuedMaxRequests()), r -> {
                    Thread t = new Thread(r, "tributary-io-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private static ScheduledThreadPoolExecutor executor(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        // Delayed work still queued at shutdown (deleting retired segment files) is redone at the next start.
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
    }

    /** Starts a node; on failure everything started so far is stopped again and the cause is thrown. */
    public static Broker start(BrokerConfig config) throws Exception {
        Broker b = new Broker(config);
        try {
            b.startup();
            return b;
        } catch (Exception | Error e) {
            b.closeQuietly();
            throw e;
        }
    }

    private void startup() throws Exception {
        long startNs = System.nanoTime();
        int nodeId = config.nodeId();
        logDirs = LogDirs.lock(config.logDirs());
        if (!config.logDirs().contains(config.metadataLogDir().toAbsolutePath().normalize())) {
            // A separate metadata.log.dir is locked too, so two nodes can never share a metadata log.
            metadataDirLock = LogDirs.lock(List.of(config.metadataLogDir().toAbsolutePath().normalize()));
        }
        String recordedClusterId = MetaProperties.check(config.logDirs(), nodeId);

        fetchPurgatory = new Purgatory<>("fetch", PURGATORY_OPERATIONS_MAX, purgatoryTimer);
        producePurgatory = new Purgatory<>("produce", PURGATORY_OPERATIONS_MAX, purgatoryTimer);
        TopicConfigResolver resolver = new TopicConfigResolver(config.explicitProperties());
        replicas = new ReplicaManager(nodeId, logDirs, config.numRecoveryThreadsPerDataDir(), resolver, time, Scheduler.of(scheduler), scheduler, tp -> {
            if (replicas.partition(tp) == null) {
                // Gone from this node: waiting requests answer now, and the purgatories forget the key.
                fetchPurgatory.removeKey(tp);
                producePurgatory.removeKey(tp);
            } else {
                fetchPurgatory.checkAndComplete(tp);
                producePurgatory.checkAndComplete(tp);
            }
        });
        publisher = new MetadataPublisher();

        LocalMetadataLog metadataLog = LocalMetadataLog.open(config.metadataLogDir());
        controller = new LocalController(ControllerConfig.fromProperties(config.explicitProperties()), metadataLog, time,
                new SecureRandom());
        controller.start(publisher).get(STARTUP_STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        // The partitions follow the metadata from the image as of the whole log, not batch by batch through
        // its history (which would create and delete partitions long gone, and call live ones strays).
        controller.execute(() -> {
            replicas.applyImage(MetadataImage.EMPTY, publisher.image());
            publisher.subscribe(replicas::applyImage);
            replicas.startupComplete();
        }).get(STARTUP_STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        String clusterId = publisher.image().clusterId().orElseThrow(() -> new IllegalStateException("no cluster id after bootstrap"));
        if (recordedClusterId != null && !recordedClusterId.equals(clusterId)) {
            throw new IllegalStateException("the log directories belong to cluster " + recordedClusterId + " but the metadata in "
                    + metadataLog.directory() + " is of cluster " + clusterId + "; refusing to mix them");
        }
        MetaProperties.write(config.logDirs(), nodeId, clusterId);

        registration = new NodeRegistration(controller, nodeId, publisher::image);
        ApiRegistry registry = HandlerTables.registry();
        HandlerDispatcher handlers = new HandlerDispatcher(HandlerTables.standard(registry, config, publisher, replicas,
                fetchPurgatory, producePurgatory, controller, resolver, registration::brokerEpoch, io, time), time);
        // Requests that arrive before this node is registered wait for it (bounded per connection).
        RequestDispatcher gated = (request, connection) -> ready.isDone() ? handlers.dispatch(request, connection)
                : ready.thenCompose(v -> handlers.dispatch(request, connection));
        RequestReader reader = new RequestReader(registry);
        server = new NettyServer(NetworkSettings.from(config), reader::read, gated);
        bound = server.bind(config.clientListeners());

        List<BrokerEndpoint> endpoints = Endpoints.advertised(config, bound);
        registration.registerAndUnfence(clusterId, endpoints, config.rack().isEmpty() ? null : config.rack());
        ready.complete(null);

        long retentionMs = config.retentionCheckIntervalMs();
        scheduler.scheduleWithFixedDelay(() -> guarded("retention", replicas::runRetention),
                retentionMs, retentionMs, TimeUnit.MILLISECONDS);
        long expiryMs = config.producerIdExpirationCheckIntervalMs();
        scheduler.scheduleWithFixedDelay(() -> guarded("producer expiry", () -> replicas.expireProducers(config.producerIdExpirationMs())),
                expiryMs, expiryMs, TimeUnit.MILLISECONDS);
        long heartbeatMs = config.brokerHeartbeatIntervalMs();
        scheduler.scheduleWithFixedDelay(() -> guarded("heartbeat", registration::heartbeat), heartbeatMs, heartbeatMs,
                TimeUnit.MILLISECONDS);
        log.info("Tributary node {} started in {} ms: cluster {}, listeners {}, advertised {}, log dirs {}, metadata in {}",
                nodeId, (System.nanoTime() - startNs) / 1_000_000, clusterId,
                bound.stream().map(b -> b.listener().name() + "://" + b.address().getHostString() + ":" + b.address().getPort()).toList(),
                endpoints.stream().map(e -> e.listenerName() + "://" + e.host() + ":" + e.port()).toList(),
                config.logDirs(), metadataLog.directory());
    }

    private static void guarded(String task, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("Background task {} failed", task, e);
        }
    }

    public BrokerConfig config() {
        return config;
    }

    public List<NettyServer.Bound> boundListeners() {
        return bound;
    }

    /** {@code host:port} of the first client listener, as a client puts it in {@code bootstrap.servers}. */
    public String bootstrapServers() {
        NettyServer.Bound b = bound.get(0);
        String host = b.listener().bindsAllInterfaces() ? "localhost" : b.listener().host();
        return b.listener().withHost(host).withPort(b.address().getPort()).hostPort();
    }

    public ReplicaManager replicaManager() {
        return replicas;
    }

    public MetadataPublisher metadata() {
        return publisher;
    }

    /**
     * Stops cleanly: no new connections or requests, expire waiting requests, answer what is in flight,
     * hand leaderships away, close every log with its checkpoints, snapshot the metadata.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                awaitStopped();
                return;
            }
            closing = true;
        }
        long startNs = System.nanoTime();
        try {
            closeQuietly();
        } finally {
            log.info("Tributary node {} stopped cleanly in {} ms", config.nodeId(), (System.nanoTime() - startNs) / 1_000_000);
            stopped.countDown();
        }
    }

    /**
     * Stops as a crash would, for tests: sockets and threads go, directory locks are released, and
     * nothing else happens (no controlled shutdown, no checkpoints, no snapshots), so the next start
     * must recover from what is on disk, exactly as after SIGKILL.
     */
    public void halt() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        step("close network", () -> {
            if (server != null) {
                server.close();
            }
        });
        scheduler.shutdownNow();
        purgatoryTimer.shutdownNow();
        io.shutdownNow();
        step("stop controller thread", () -> {
            if (controller != null) {
                controller.halt();
            }
        });
        step("unlock log dirs", () -> {
            if (logDirs != null) {
                logDirs.close();
            }
            if (metadataDirLock != null) {
                metadataDirLock.close();
            }
        });
        log.info("Tributary node {} halted without clean shutdown", config.nodeId());
        stopped.countDown();
    }

    private void closeQuietly() {
        step("stop accepting", () -> {
            if (server != null) {
                server.stopAccepting();
                server.stopTakingRequests();
            }
        });
        step("expire waiting requests", () -> {
            if (fetchPurgatory != null) {
                fetchPurgatory.expireAll();
                producePurgatory.expireAll();
            }
        });
        step("drain", () -> {
            if (server != null && !server.awaitDrained(SHUTDOWN_DRAIN_MS)) {
                log.warn("{} requests still in flight after {} ms; closing their connections", server.requestsInFlight(),
                        SHUTDOWN_DRAIN_MS);
            }
        });
        step("controlled shutdown", () -> {
            if (registration != null && config.controlledShutdownEnable()) {
                registration.controlledShutdown();
            }
        });
        step("close network", () -> {
            if (server != null) {
                server.close();
            }
        });
        step("stop background tasks", () -> {
            scheduler.shutdown();
            purgatoryTimer.shutdownNow();
            io.shutdown();
        });
        step("close partitions", () -> {
            if (replicas != null) {
                replicas.close();
            }
        });
        step("close controller", () -> {
            if (controller != null) {
                controller.close();
            }
        });
        step("finish background tasks", () -> {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        });
        step("unlock log dirs", () -> {
            if (logDirs != null) {
                logDirs.close();
            }
            if (metadataDirLock != null) {
                metadataDirLock.close();
            }
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step s) {
        try {
            s.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            log.warn("Shutdown step '{}' failed; continuing", name, e);
        }
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
