package io.tributary.broker.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.RequestObserver;
import io.tributary.broker.image.MetadataPublisher;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.controller.ControllerDriver;
import io.tributary.controller.FailoverStats;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A node's metrics, in a registry of its own (tests run several nodes in one JVM): the request
 * metrics the dispatcher feeds, the counters of metadata changes, the gauges computed at scrape time,
 * the controller's failover figures, and the JVM's. {@code docs/operations.md} maps each name to
 * Kafka's JMX name.
 */
public final class BrokerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RequestMetrics requests;

    private BrokerMetrics() {
        requests = new RequestMetrics(registry);
        JvmMetrics.builder().register(registry);
    }

    /** A node without the broker role: the controller's figures and the JVM's only. */
    public static BrokerMetrics forController(Supplier<ControllerDriver> controller) {
        BrokerMetrics m = new BrokerMetrics();
        m.registerController(controller);
        return m;
    }

    /**
     * A node with the broker role.
     *
     * @param live       whether the broker serves yet: metadata replayed before that is history, not events
     * @param controller this node's controller, or a supplier of null on a broker-only node
     */
    public static BrokerMetrics forBroker(int nodeId, ReplicaManager replicas, MetadataPublisher metadata,
                                          Purgatory<?> producePurgatory, Purgatory<?> fetchPurgatory,
                                          GroupCoordinatorRuntime groups, BooleanSupplier live, Supplier<ControllerDriver> controller) {
        BrokerMetrics m = new BrokerMetrics();
        PartitionGauges.register(m.registry, nodeId, replicas, metadata, producePurgatory, fetchPurgatory);
        metadata.subscribe(new MetadataChangeMetrics(m.registry, nodeId, live));
        m.registry.register(new GroupLagCollector(groups, replicas));
        m.registerController(controller);
        return m;
    }

    private void registerController(Supplier<ControllerDriver> controller) {
        GaugeWithCallback.builder().name("kafka_controller_kafkacontroller_activecontrollercount")
                .help("1 on the active controller, 0 elsewhere; the sum over nodes is 1 in a healthy cluster "
                        + "(Kafka: kafka.controller:type=KafkaController,name=ActiveControllerCount)")
                .callback(cb -> {
                    ControllerDriver c = controller.get();
                    cb.call(c != null && c.isActive() ? 1 : 0);
                })
                .register(registry);
        CounterWithCallback.builder().name("tributary_controller_fencings")
                .help("Brokers this node fenced as the active controller because they were lost (Kafka: none)")
                .callback(cb -> {
                    ControllerDriver c = controller.get();
                    cb.call(c == null ? 0 : c.failovers().fencings());
                })
                .register(registry);
        GaugeWithCallback.builder().name("tributary_controller_last_failover_seconds")
                .help("The last failover this node ran as the active controller: from the lost broker's last heartbeat to the "
                        + "commit that fenced it and moved its leaderships; absent before the first (Kafka: none)")
                .labelNames("broker")
                .callback(cb -> {
                    ControllerDriver c = controller.get();
                    FailoverStats f = c == null ? null : c.failovers();
                    if (f != null && f.lastFailoverNs() >= 0) {
                        cb.call(f.lastFailoverNs() / 1e9, Integer.toString(f.lastFencedBroker()));
                    }
                })
                .register(registry);
    }

    /** What the request dispatcher tells of every answered request. */
    public RequestObserver requests() {
        return requests;
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
