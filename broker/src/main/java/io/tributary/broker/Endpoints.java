package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.Listener;
import io.tributary.broker.network.NettyServer;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.broker.console.Console;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints this node registers for clients: {@code advertised.listeners} (or the listeners),
 * with a wildcard host replaced by this machine's canonical host name and port 0 by the port the
 * listener actually bound.
 */
final class Endpoints {

    private Endpoints() {
    }

    static List<BrokerEndpoint> advertised(BrokerConfig config, List<NettyServer.Bound> bound) {
        List<BrokerEndpoint> out = new ArrayList<>();
        for (Listener a : config.advertisedListeners()) {
            NettyServer.Bound b = bound.stream().filter(x -> x.listener().name().equals(a.name())).findFirst().orElse(null);
            if (b == null) {
                continue;
            }
            String host = a.bindsAllInterfaces() ? canonicalHostName() : a.host();
            int port = a.port() == 0 ? b.address().getPort() : a.port();
            out.add(new BrokerEndpoint(a.name(), host, port, config.securityProtocol(a.name())));
        }
        return out;
    }

    /**
     * Adds the HTTP listener's endpoint (named {@link Console#endpointName()}) when it is bound, so the
     * other brokers' consoles can ask this one what only it knows. Kafka clients never see it: every
     * Kafka response names only the endpoints of the listener the request came in on. A wildcard host
     * is replaced by the first client endpoint's host, which the other brokers already reach.
     */
    static List<BrokerEndpoint> withHttp(List<BrokerEndpoint> endpoints, BrokerConfig config, InetSocketAddress http) {
        if (http == null || config.httpListener().isEmpty()) {
            return endpoints;
        }
        Listener l = config.httpListener().get();
        String host = !l.bindsAllInterfaces() ? l.host() : endpoints.isEmpty() ? canonicalHostName() : endpoints.get(0).host();
        List<BrokerEndpoint> out = new ArrayList<>(endpoints);
        out.add(new BrokerEndpoint(Console.endpointName(), host, http.getPort(), "PLAINTEXT"));
        return out;
    }

    static String canonicalHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
