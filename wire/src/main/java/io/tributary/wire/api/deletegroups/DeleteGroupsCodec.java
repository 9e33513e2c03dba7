package io.tributary.wire.api.deletegroups;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;

/**
 * DeleteGroups (key 42), versions 0-2. librdkafka 2.x and kafkajs 2.2.4 send up to v1, the Java admin
 * client 4.x v2. Version 2 is the first flexible one; the versions carry the same fields.
 */
public final class DeleteGroupsCodec extends AbstractCodec<DeleteGroupsRequest, DeleteGroupsResponse> {

    public static final short API_KEY = 42;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DeleteGroupsCodec INSTANCE = new DeleteGroupsCodec();

    private DeleteGroupsCodec() {
        super(API_KEY, "DeleteGroups", DeleteGroupsRequestData.LOWEST_SUPPORTED_VERSION, DeleteGroupsRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public DeleteGroupsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new DeleteGroupsRequestData(), body, header.apiVersion(),
                d -> new DeleteGroupsRequest(Convert.map(d.groupsNames(), g -> g)));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DeleteGroupsResponse r) {
        DeleteGroupsResponseData d = new DeleteGroupsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (DeleteGroupsResponse.Result g : r.results()) {
            d.results().add(new DeleteGroupsResponseData.DeletableGroupResult()
                    .setGroupId(g.groupId())
                    .setErrorCode(Convert.code(g.error())));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every group fails with {@code error}. */
    @Override
    public DeleteGroupsResponse errorResponse(RequestHeader header, DeleteGroupsRequest request, ErrorCode error) {
        return new DeleteGroupsResponse(0, Convert.map(request.groups(), g -> new DeleteGroupsResponse.Result(g, error)));
    }
}
