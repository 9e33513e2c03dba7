package io.tributary.broker.handler;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import java.util.function.IntSupplier;

/**
 * The controller id that Metadata and DescribeCluster give clients. Clients cannot reach a KRaft
 * controller directly, and the Java admin client sends some requests to the node it is told, so the
 * id must be a live broker that clients can reach on the listener they asked on.
 */
@FunctionalInterface
public interface ControllerIdView {

    int controllerId(MetadataImage image, String listenerName);

    /** A one-node cluster: this node is broker and controller. */
    static ControllerIdView self(int nodeId) {
        return (image, listener) -> nodeId;
    }

    /**
     * A cluster: the active controller when it is also a live broker reachable on the listener (every
     * combined node is), otherwise the live broker with the lowest id, so every broker answers the same;
     * -1 when there is none.
     */
    static ControllerIdView activeOrLowestBroker(IntSupplier activeController) {
        return (image, listener) -> {
            int active = activeController.getAsInt();
            if (active >= 0 && servesClients(image.broker(active), listener)) {
                return active;
            }
            int lowest = -1;
            for (BrokerRegistration b : image.brokers().values()) {
                if (servesClients(b, listener) && (lowest < 0 || b.brokerId() < lowest)) {
                    lowest = b.brokerId();
                }
            }
            return lowest;
        };
    }

    private static boolean servesClients(BrokerRegistration b, String listener) {
        return b != null && !b.fenced() && b.endpoint(listener).isPresent();
    }
}
