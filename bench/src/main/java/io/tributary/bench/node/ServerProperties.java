package io.tributary.bench.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server properties of a single combined broker+controller node, in Kafka's keys. Both systems get
 * the very same file (Tributary reads Kafka's keys and logs one WARN line for a key it does not know).
 * The internal topics' replication factors are lowered to one because Kafka's defaults assume three
 * brokers; nothing that affects speed is tuned, so each system runs with its own defaults.
 */
public final class ServerProperties {

    private ServerProperties() {
    }

    public static Map<String, String> singleNode(NodeLayout layout) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + NodeLayout.HOST + ":" + layout.controllerPort());
        props.put("listeners", "PLAINTEXT://" + NodeLayout.HOST + ":" + layout.clientPort()
                + ",CONTROLLER://" + NodeLayout.HOST + ":" + layout.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://" + NodeLayout.HOST + ":" + layout.clientPort());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("log.dirs", layout.dataDirectory().toString());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    public static String render(Map<String, String> props) {
        return props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
    }
}
