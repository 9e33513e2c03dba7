package io.tributary.broker.net.client;

import static io.tributary.broker.net.client.FakePeer.withApiVersions;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatRequest;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fake controllers 1..n on loopback ports. Every one answers DescribeCluster (controllers endpoint type)
 * with {@link #active} as the active controller and all of them as endpoints; the active one acts on
 * BrokerHeartbeat and CreateTopics, the others refuse them with {@code NOT_CONTROLLER}, as a standby
 * controller does. A test steers it through {@link #active} and {@link #intercept}.
 */
final class FakeQuorum implements AutoCloseable {

    /** A test's hook: return true when it has dealt with the request itself (held it, dropped the connection, ...). */
    interface Interceptor {
        boolean intercept(int controllerId, FakePeer.Exchange exchange);
    }

    /** What an active controller acted on: which controller, which API, and the topic for CreateTopics. */
    record Acted(int controllerId, String api, String topic) {
    }

    final AtomicInteger active = new AtomicInteger(-1);
    final List<Acted> acted = new CopyOnWriteArrayList<>();
    final AtomicInteger describeClusterCount = new AtomicInteger();
    volatile Interceptor intercept = (id, ex) -> false;
    private final Map<Integer, FakePeer> peers = new TreeMap<>();

    FakeQuorum(int n, int activeId) throws InterruptedException {
        active.set(activeId);
        for (int id = 1; id <= n; id++) {
            int self = id;
            peers.put(id, FakePeer.start(ApiRegistry.controller(), withApiVersions(ex -> handle(self, ex))));
        }
    }

    FakePeer peer(int id) {
        return peers.get(id);
    }

    /** Voter id to address, as {@code controller.quorum.voters} would say. */
    Map<Integer, InetSocketAddress> voters() {
        Map<Integer, InetSocketAddress> m = new TreeMap<>();
        peers.forEach((id, p) -> m.put(id, InetSocketAddress.createUnresolved("127.0.0.1", p.port())));
        return m;
    }

    List<Acted> actedOn(String api) {
        return acted.stream().filter(a -> a.api().equals(api)).toList();
    }

    private void handle(int id, FakePeer.Exchange ex) {
        if (intercept.intercept(id, ex)) {
            return;
        }
        if (ex.body() instanceof DescribeClusterRequest) {
            describeClusterCount.incrementAndGet();
            List<DescribeClusterResponse.Broker> endpoints = new ArrayList<>();
            peers.forEach((pid, p) -> endpoints.add(new DescribeClusterResponse.Broker(pid, "127.0.0.1", p.port(), null, false)));
            ex.respond(Requests.controllers("fake-cluster", active.get(), endpoints));
            return;
        }
        if (id != active.get()) {
            ex.respondError(ErrorCode.NOT_CONTROLLER);
            return;
        }
        if (ex.body() instanceof BrokerHeartbeatRequest) {
            acted.add(new Acted(id, "BrokerHeartbeat", null));
            ex.respond(new BrokerHeartbeatResponse(0, ErrorCode.NONE, true, false, false));
        } else if (ex.body() instanceof CreateTopicsRequest r) {
            acted.add(new Acted(id, "CreateTopics", Requests.topicOf(r)));
            ex.respond(Requests.created(r));
        } else {
            ex.respondError(ErrorCode.UNSUPPORTED_VERSION);
        }
    }

    @Override
    public void close() {
        peers.values().forEach(FakePeer::close);
    }
}
