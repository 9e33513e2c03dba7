package io.tributary.wire.api.syncgroup;

import io.tributary.common.ErrorCode;
import java.nio.ByteBuffer;

/**
 * A SyncGroup response: this member's assignment.
 *
 * @param protocolType v5+, dropped before; null when unknown
 * @param protocolName v5+, dropped before; null when unknown
 * @param assignment   empty on error
 */
public record SyncGroupResponse(int throttleTimeMs, ErrorCode error, String protocolType, String protocolName, ByteBuffer assignment) {

    public static SyncGroupResponse failed(ErrorCode error) {
        return new SyncGroupResponse(0, error, null, null, ByteBuffer.allocate(0).asReadOnlyBuffer());
    }
}
