package io.tributary.broker.handler.group;

import io.tributary.broker.handler.RequestContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** What the group handlers share when they turn wire records into the coordinator's and back. */
final class GroupWire {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private GroupWire() {
    }

    /**
     * A copy of a request's bytes: the shard keeps member metadata and assignments beyond the
     * request, whose buffers belong to its frame and are released once it is answered.
     */
    static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return new byte[0];
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static ByteBuffer buffer(byte[] b) {
        return b == null || b.length == 0 ? EMPTY : ByteBuffer.wrap(b).asReadOnlyBuffer();
    }

    /** An absent string (a null member id from a client) as the empty string the coordinator expects. */
    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The member's host as Kafka prints it in DescribeGroups and {@code kafka-consumer-groups}: the peer's
     * {@code InetAddress.toString()}, which is {@code /10.0.0.1} for an address never resolved to a name.
     */
    static String clientHost(RequestContext ctx) {
        SocketAddress a = ctx.connection().remoteAddress();
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().toString();
        }
        return a == null ? "" : "/" + a;
    }
}
