package io.tributary.broker;

import io.tributary.broker.cluster.ClusterBrokerRole;
import io.tributary.broker.cluster.PreviousBrokerEpoch;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.console.Console;
import io.tributary.broker.controller.ControllerRole;
import io.tributary.broker.controller.DriverControllerChannel;
import io.tributary.broker.controller.MetadataDirCheck;
import io.tributary.broker.controller.NodeRegistration;
import io.tributary.broker.handler.ControllerIdView;
import io.tributary.broker.handler.HandlerDispatcher;
import io.tributary.broker.handler.HandlerTable;
import io.tributary.broker.handler.fetch.session.FetchSessionCache;
import io.tributary.broker.metrics.BrokerMetrics;
import io.tributary.broker.image.MetadataPublisher;
import io.tributary.broker.logging.ShutdownNoiseFilter;
import io.tributary.broker.network.NettyServer;
import io.tributary.broker.network.NetworkSettings;
import io.tributary.broker.network.RequestDispatcher;
import io.tributary.broker.partition.LogDirs;
import io.tributary.broker.partition.MetaProperties;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.broker.replica.AlterPartitionSender;
import io.tributary.broker.replica.FetcherSettings;
import io.tributary.broker.replica.ReplicaFetcherManager;
import io.tributary.broker.replica.ReplicationWiring;
import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import java.util.Optional;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.wire.api.alterpartition.AlterPartitionClientCodec;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.controller.ControllerDriver;
import io.tributary.controller.ControllerDriverConfig;
import io.tributary.controller.local.LocalMetadataLog;
import io.tributary.log.LogCleaner;
import io.tributary.log.Scheduler;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.RequestReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, assembled. Without {@code controller.quorum.voters} it is a one-node cluster of its own:
 * log directories, the metadata log in a local file with its controller in process, the partitions,
 * the handlers, the network server; {@link #start} returns once it serves clients. With voters it
 * plays the roles {@code process.roles} names: the controller role ({@link ControllerRole}: Raft
 * quorum member, controller driver, CONTROLLER listener) and the broker role ({@link ClusterBrokerRole}:
 * follows the active controller's metadata, registers, heartbeats); {@link #start} then returns once
 * the roles are started, and {@link #ready()} completes once the controller has unfenced this broker
 * (requests that arrive before wait for it). {@link #close} stops it cleanly and may be called from
 * any thread, any number of times.
 *
 * <p>Threads: {@code tributary-network-*} (Netty event loops, {@code num.network.threads}) read,
 * handle and answer client requests; {@code tributary-controller} runs every metadata change (and, on
 * a one-node cluster, applies committed metadata to the partitions); {@code tributary-metadata-<id>}
 * applies the metadata a cluster broker fetches; {@code tributary-controller-client-1} carries a
 * cluster broker's requests to the controller; {@code tributary-controller-network-*} serve the
 * CONTROLLER listener, and Ratis runs its own ({@code docs/design/quorum.md}); the scheduler, the
 * purgatory timer and the io pool that runs appends that fsync ({@code flush.messages}) are {@link NodeThreads}.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    /** Delayed operations each purgatory holds at most; beyond it requests are answered early. */
    static final int PURGATORY_OPERATIONS_MAX = 50_000;
    private static final long STARTUP_STEP_TIMEOUT_MS = 60_000;
    private static final long SHUTDOWN_DRAIN_MS = 5_000;
    /** The longest a clean stop waits for the controller to move this broker's leaderships away. */
    static final long CONTROLLED_SHUTDOWN_TIMEOUT_MS = 5_000;
    /** A stop step that takes at least this long is named in the node's last line. */
    private static final long SLOW_STOP_STEP_MS = 50;

    private final BrokerConfig config;
    private final Time time;
    private final long startNs;
    private final NodeThreads threads;
    /** Incremental fetch sessions (KIP-227) of every client listener, followers' included. */
    private final FetchSessionCache fetchSessions;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final StopSteps stopSteps = new StopSteps();
    private LogDirs logDirs;
    private LogDirs metadataDirLock;
    private Purgatory<TopicPartition> fetchPurgatory;
    private Purgatory<TopicPartition> producePurgatory;
    private TopicConfigResolver resolver;
    private ReplicaManager replicas;
    private LogCleaner cleaner;
    private ReplicationWiring replication;
    private GroupCoordinatorRuntime groups;
    private MetadataPublisher publisher;
    /** Alone or in a cluster, and with which roles; set as the parts start, so a failed start stops what started. */
    private volatile NodeMode mode;
    private NettyServer server;
    private BrokerMetrics metrics;
    private final NodeHttp http = new NodeHttp();
    private List<NettyServer.Bound> bound = List.of();
    private List<BrokerEndpoint> endpoints = List.of();
    private boolean closing;
    private volatile Throwable failure;

    private Broker(BrokerConfig config, Time time) {
        this.config = config;
        this.time = time;
        this.startNs = time.nanoseconds();
        this.threads = new NodeThreads(config.numIoThreads(), config.queuedMaxRequests());
        this.fetchSessions = new FetchSessionCache(config.maxIncrementalFetchSessionCacheSlots(),
                FetchSessionCache.DEFAULT_EVICTION_IDLE_MS, new SplittableRandom());
    }

    /** Starts a node; on failure everything started so far is stopped again and the cause is thrown. */
    public static Broker start(BrokerConfig config) throws Exception {
        return start(config, Time.SYSTEM);
    }

    /**
     * Starts a node on the clock {@code time} (timeouts, timestamps, the leader's lag checks). Threads
     * and sockets are real; the clock is the caller's.
     */
    public static Broker start(BrokerConfig config, Time time) throws Exception {
        Broker b = new Broker(config, time);
        try {
            b.startup();
            return b;
        } catch (Exception | Error e) {
            b.closeQuietly();
            throw e;
        }
    }

    private void startup() throws Exception {
        logDirs = LogDirs.lock(config.logDirs());
        if (!config.logDirs().contains(config.metadataLogDir().toAbsolutePath().normalize())) {
            // A separate metadata.log.dir is locked too, so two nodes can never share a metadata log.
            metadataDirLock = LogDirs.lock(List.of(config.metadataLogDir().toAbsolutePath().normalize()));
        }
        String recordedClusterId = MetaProperties.check(config.logDirs(), config.nodeId());
        if (!config.isCluster()) {
            startOneNodeCluster(recordedClusterId);
            return;
        }
        ClusterNode cluster = new ClusterNode(config, config.hasControllerRole()
                ? Optional.of(ControllerRole.start(config, time, this::fatal)) : Optional.empty(), Optional.empty());
        mode = cluster;
        if (config.hasBrokerRole()) {
            startClusterBroker(cluster, recordedClusterId);
        } else {
            metrics = BrokerMetrics.forController(this::controller);
            startHttp();
            ready.complete(null);
            log.info("Tributary node {} started in {} ms as a controller of the quorum {}, CONTROLLER listener {}", config.nodeId(),
                    elapsedMs(), config.quorumVoters(), cluster.controllerListener().address());
        }
    }

    /** No voters: broker and controller in this process, the metadata in a local file (the Foundation's layout). */
    private void startOneNodeCluster(String recordedClusterId) throws Exception {
        int nodeId = config.nodeId();
        MetadataDirCheck.forLocal(config.metadataLogDir());
        createPartitionsAndImage();
        LocalMetadataLog metadataLog = LocalMetadataLog.open(config.metadataLogDir());
        ControllerDriver localController = new ControllerDriver(ControllerDriverConfig.of(nodeId,
                ControllerConfig.fromProperties(config.explicitProperties())), metadataLog, time, new SecureRandom(), this::fatal);
        DriverControllerChannel channel = new DriverControllerChannel(localController);
        NodeRegistration registration = new NodeRegistration(channel, nodeId, publisher::image);
        mode = new SoloNode(localController, registration);
        localController.addListener(publisher);
        localController.start();
        localController.firstActivation().get(STARTUP_STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        localController.execute(this::attachPartitions).get(STARTUP_STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        String clusterId = checkClusterId(recordedClusterId, publisher.image(), "the metadata in " + metadataLog.directory());

        ApiRegistry registry = HandlerTables.registry();
        bindClientListeners(registry, HandlerTables.standard(registry, deps(channel, ControllerIdView.self(nodeId),
                registration::brokerEpoch)));
        registration.registerAndUnfence(clusterId, endpoints, config.rack().isEmpty() ? null : config.rack());
        ready.complete(null);
        scheduleBackgroundTasks();
        long heartbeatMs = config.brokerHeartbeatIntervalMs();
        threads.scheduler.scheduleWithFixedDelay(() -> ReplicaMaintenance.guarded("heartbeat", registration::heartbeat), heartbeatMs,
                heartbeatMs, TimeUnit.MILLISECONDS);
        logStarted("cluster " + clusterId + ", metadata in " + metadataLog.directory());
    }

    /** The broker role of a cluster node: follow the active controller, then register; ready once unfenced. */
    private void startClusterBroker(ClusterNode cluster, String recordedClusterId) throws Exception {
        createPartitionsAndImage();
        ClusterBrokerRole brokerRole = new ClusterBrokerRole(config, publisher, threads.scheduler,
                PreviousBrokerEpoch.take(config.logDirs().get(0)), time, this::fatal);
        ReplicaFetcherManager fetchers = new ReplicaFetcherManager(config.nodeId(), FetcherSettings.from(config), publisher,
                brokerRole::brokerEpoch, time);
        long controllerTimeoutMs = config.controllerSocketTimeoutMs();
        AlterPartitionSender isrChanges = new AlterPartitionSender(config.nodeId(), brokerRole::brokerEpoch, id -> {
            BrokerRegistration b = publisher.image().broker(id);
            return b != null && !b.fenced() && !b.inControlledShutdown();
        }, request -> brokerRole.requests().send(AlterPartitionClientCodec.INSTANCE, request, controllerTimeoutMs), threads.scheduler,
                Math.min(1_000, config.replicaFetchBackoffMs() + 50L));
        mode = cluster.withBroker(new ClusterNode.BrokerSide(brokerRole, fetchers, isrChanges));
        replication.attach(fetchers, isrChanges);
        ApiRegistry registry = HandlerTables.registry();
        HandlerTables.Deps deps = deps(brokerRole.channel(), brokerRole.controllerIdView(), brokerRole::brokerEpoch);
        bindClientListeners(registry, HandlerTables.cluster(registry, deps, brokerRole.requests(), brokerRole.catchUp()));
        scheduleBackgroundTasks();
        log.info("Node {}: client listeners bound ({}); following the controller quorum {}", config.nodeId(), describe(bound),
                config.quorumVoters());
        brokerRole.start(endpoints, image -> {
            attachPartitions();
            return checkClusterId(recordedClusterId, image, "the controller quorum " + config.quorumVoters());
        }).whenComplete((v, error) -> {
            if (error != null) {
                fatal(error);
            } else if (ready.complete(null)) {
                logStarted("cluster " + publisher.image().clusterId().orElse("?") + ", controller quorum " + config.quorumVoters()
                        + (cluster.controllerListener() == null ? "" : ", CONTROLLER listener " + cluster.controllerListener().address()));
            }
        });
    }

    private void createPartitionsAndImage() throws IOException {
        fetchPurgatory = new Purgatory<>("fetch", PURGATORY_OPERATIONS_MAX, threads.purgatoryTimer);
        producePurgatory = new Purgatory<>("produce", PURGATORY_OPERATIONS_MAX, threads.purgatoryTimer);
        resolver = new TopicConfigResolver(config.explicitProperties());
        publisher = new MetadataPublisher();
        groups = new GroupCoordinatorRuntime(config.nodeId(), config.groups(), time, publisher);
        replication = new ReplicationWiring(fetchPurgatory, producePurgatory, groups);
        replicas = new ReplicaManager(config.nodeId(), logDirs, config.numRecoveryThreadsPerDataDir(), resolver, time,
                Scheduler.of(threads.scheduler), threads.scheduler, replication, replication);
        metrics = BrokerMetrics.forBroker(config.nodeId(), replicas, publisher, producePurgatory, fetchPurgatory, groups, ready::isDone,
                this::controller);
    }

    /**
     * The partitions follow the metadata from the image as of the whole log, not batch by batch through
     * its history (which would create and delete partitions long gone, and call live ones strays). Runs
     * on the thread that applies metadata, between two batches.
     */
    private void attachPartitions() {
        replicas.applyImage(MetadataImage.EMPTY, publisher.image());
        publisher.subscribe(replicas::applyImage);
        publisher.subscribe(groups::onImage);
        replicas.startupComplete();
    }

    /** Refuses log directories of another cluster; records the cluster id in them otherwise. */
    private String checkClusterId(String recorded, MetadataImage image, String source) {
        return MetaProperties.recordClusterId(config.logDirs(), config.nodeId(), recorded, image.clusterId(), source);
    }

    private HandlerTables.Deps deps(io.tributary.broker.controller.ControllerChannel channel, ControllerIdView controllerId,
                                    LongSupplier brokerEpoch) {
        return new HandlerTables.Deps(config, publisher, replicas, fetchPurgatory, producePurgatory, channel, controllerId, resolver,
                brokerEpoch, threads.io, time, fetchSessions, groups);
    }

    private void bindClientListeners(ApiRegistry registry, HandlerTable table) throws InterruptedException {
        HandlerDispatcher handlers = new HandlerDispatcher(table, time, metrics.requests());
        // Requests that arrive before this node serves wait for it (bounded per connection).
        RequestDispatcher gated = (request, connection) -> ready.isDone() ? handlers.dispatch(request, connection)
                : ready.thenCompose(v -> handlers.dispatch(request, connection));
        RequestReader reader = new RequestReader(registry);
        server = new NettyServer(NetworkSettings.from(config), reader::read, gated);
        bound = server.bind(config.clientListeners());
        startHttp();
        endpoints = Endpoints.withHttp(Endpoints.advertised(config, bound), config, http.address());
    }

    private void startHttp() throws InterruptedException {
        http.start(config, metrics, replicas == null ? null
                : () -> Console.create(config.nodeId(), publisher, replicas, groups, this::activeControllerId, ready::isDone, time));
    }

    /** The active controller as this node knows it: itself, the one its broker role follows, or -1. */
    private int activeControllerId() {
        ControllerDriver c = controller();
        if (c != null && c.isActive()) {
            return config.nodeId();
        }
        return mode instanceof ClusterNode cluster ? cluster.activeControllerId() : -1;
    }

    private void scheduleBackgroundTasks() {
        cleaner = new LogCleaner(config.cleanerConfig(), replicas::compactedLogs, time);
        cleaner.start();
        ReplicaMaintenance.schedule(config, replicas, threads.scheduler);
    }

    private void logStarted(String what) {
        log.info("Tributary node {} started in {} ms: {}, listeners {}, advertised {}, log dirs {}", config.nodeId(), elapsedMs(),
                what, describe(bound), endpoints.stream().map(e -> e.listenerName() + "://" + e.host() + ":" + e.port()).toList(),
                config.logDirs());
    }

    private static List<String> describe(List<NettyServer.Bound> bound) {
        return bound.stream().map(b -> b.listener().name() + "://" + b.address().getHostString() + ":" + b.address().getPort()).toList();
    }

    private long elapsedMs() {
        return (time.nanoseconds() - startNs) / 1_000_000;
    }

    /**
     * This node cannot go on (its controller's state no longer matches the metadata log, or the
     * cluster refuses it): nothing it answers can be trusted, so it stops, from a thread of its own (the
     * thread that reports it must not wait for itself). {@link #failure()} then says why.
     */
    private void fatal(Throwable cause) {
        Throwable c = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        synchronized (this) {
            if (failure != null || closing) {
                return;
            }
            failure = c;
        }
        log.error("Node {} stops: {}", config.nodeId(), c.getMessage() == null ? c.toString() : c.getMessage(), c);
        ready.completeExceptionally(c);
        Thread t = new Thread(this::close, "tributary-fatal-stop");
        t.setDaemon(true);
        t.start();
    }

    public BrokerConfig config() {
        return config;
    }

    /**
     * Completes once this node serves clients: at once for a one-node cluster and a controller-only
     * node; once the controller has unfenced it for a broker of a cluster. Fails if the node stops first
     * because it cannot go on.
     */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Why the node stopped by itself (see {@link #ready()}), or null. */
    public Throwable failure() {
        return failure;
    }

    public List<NettyServer.Bound> boundListeners() {
        return bound;
    }

    /** The CONTROLLER listener of a cluster controller, or null. */
    public NettyServer.Bound controllerListener() {
        NodeMode m = mode;
        return m == null ? null : m.controllerListener();
    }

    /** The controller of this node: the one-node cluster's, or the cluster controller role's; null for a broker-only node. */
    public ControllerDriver controller() {
        NodeMode m = mode;
        return m == null ? null : m.controller();
    }

    /** {@code host:port} of the first client listener, as a client puts it in {@code bootstrap.servers}. */
    public String bootstrapServers() {
        NettyServer.Bound b = bound.get(0);
        String host = b.listener().bindsAllInterfaces() ? "localhost" : b.listener().host();
        return b.listener().withHost(host).withPort(b.address().getPort()).hostPort();
    }

    /** The fetch session cache (how many sessions were handed out, for tests and metrics). */
    public FetchSessionCache fetchSessions() {
        return fetchSessions;
    }

    /** The address the HTTP listener bound, or empty when {@code http.listener} is not set. */
    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http.address());
    }

    /** This node's metrics registry (what {@code /metrics} serves); null until the node has started. */
    public BrokerMetrics metrics() {
        return metrics;
    }

    public ReplicaManager replicaManager() {
        return replicas;
    }

    public MetadataPublisher metadata() {
        return publisher;
    }

    /**
     * Stops cleanly: no new connections, hand leaderships away, no new requests, expire waiting
     * requests, answer what is in flight, close every log with its checkpoints, then the controller (a one-node
     * cluster snapshots its metadata; a cluster controller hands leadership to a peer).
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
        long closeNs = time.nanoseconds();
        try {
            closeQuietly();
        } finally {
            long quiet = ShutdownNoiseFilter.suppressedCount();
            String slow = stopSteps.slowerThan(SLOW_STOP_STEP_MS);
            log.info("Tributary node {} stopped {}in {} ms{}{}", config.nodeId(), failure == null ? "cleanly " : "",
                    (time.nanoseconds() - closeNs) / 1_000_000, slow.isEmpty() ? "" : " (" + slow + ")", quiet == 0 ? ""
                            : "; " + quiet + " Raft warning(s) about peer calls refused or cancelled while closing were not logged");
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
        NodeMode m = mode;
        step("drop the controller connections", () -> {
            if (m != null) {
                m.crashConnections();
            }
        });
        step("close network", () -> {
            if (server != null) {
                server.close();
            }
            http.close();
        });
        step("stop replica fetchers", () -> {
            if (m != null) {
                m.stopReplication();
            }
        });
        // The sockets are gone, so this answers nobody; it lets go of the request frames the waiting
        // operations hold (pooled buffers, shared with the other nodes of an in-process test cluster).
        step("drop waiting requests", () -> {
            if (fetchPurgatory != null) {
                fetchPurgatory.expireAll();
                producePurgatory.expireAll();
                groups.halt();
            }
        });
        threads.shutdownNow();
        step("stop the log cleaner", () -> {
            if (cleaner != null) {
                cleaner.close();
            }
        });
        step("stop the controller", () -> {
            if (m != null) {
                m.crashController();
            }
        });
        unlockDirs();
        log.info("Tributary node {} halted without clean shutdown", config.nodeId());
        stopped.countDown();
    }

    /**
     * The clean stop, one ordered plan for every mode: stop accepting connections, hand leaderships
     * away while still answering requests (so a producer gets {@code NOT_LEADER_OR_FOLLOWER} naming the
     * new leader the moment a partition moves, not a silent connection until the stop ends), then stop
     * taking requests and answer what is in flight, leave the controller, then stop replicating before
     * the partitions close (a fetcher must not append to a closed log), and the controller last (a
     * one-node cluster's controller still answers the controlled shutdown above).
     */
    private void closeQuietly() {
        NodeMode m = mode;
        ShutdownNoiseFilter.nodeStopping();
        step("stop accepting", () -> {
            if (server != null) {
                server.stopAccepting();
            }
        });
        step("controlled shutdown", () -> {
            if (m != null && config.controlledShutdownEnable() && failure == null) {
                m.controlledShutdown(CONTROLLED_SHUTDOWN_TIMEOUT_MS);
            }
        });
        step("stop taking requests", () -> {
            if (server != null) {
                server.stopTakingRequests();
            }
        });
        step("expire waiting requests", () -> {
            if (fetchPurgatory != null) {
                fetchPurgatory.close();
                producePurgatory.close();
                groups.close();
            }
        });
        step("drain", () -> {
            if (server != null && !server.awaitDrained(SHUTDOWN_DRAIN_MS)) {
                log.warn("{} requests still in flight after {} ms; closing their connections", server.requestsInFlight(),
                        SHUTDOWN_DRAIN_MS);
            }
        });
        step("leave the controller", () -> {
            if (m != null) {
                m.leaveController(failure != null);
            }
        });
        step("close network", () -> {
            if (server != null) {
                server.close();
            }
            http.close();
        });
        step("stop replica fetchers", () -> {
            if (m != null) {
                m.stopReplication();
            }
        });
        step("stop background tasks", () -> {
            if (cleaner != null) {
                cleaner.close();
            }
            threads.shutdown();
        });
        boolean partitionsClosed = step("close partitions", () -> {
            if (replicas != null) {
                replicas.close();
            }
        });
        if (partitionsClosed && m != null && failure == null) {
            step("record the clean shutdown", m::recordCleanShutdown);
        }
        step("close controller", () -> {
            if (m != null) {
                m.closeController();
            }
        });
        step("finish background tasks", () -> threads.awaitSchedulerTermination(5_000));
        unlockDirs();
        ready.completeExceptionally(new IllegalStateException("node " + config.nodeId() + " stopped"));
    }

    private void unlockDirs() {
        step("unlock log dirs", () -> {
            if (logDirs != null) {
                logDirs.close();
            }
            if (metadataDirLock != null) {
                metadataDirLock.close();
            }
        });
    }

    private boolean step(String name, StopSteps.Step s) {
        return stopSteps.run(name, s);
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
