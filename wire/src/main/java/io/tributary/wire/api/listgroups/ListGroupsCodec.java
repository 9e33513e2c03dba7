package io.tributary.wire.api.listgroups;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;

/**
 * ListGroups (key 16), versions 0-5. librdkafka 2.x sends up to v4, kafkajs 2.2.4 up to v2, the Java
 * admin client 4.x v5. Versions that matter: v3 (flexible), v4 (state filter in, state out, KIP-518),
 * v5 (type filter in, type out, KIP-848).
 *
 * <p>Normalisation: absent filters read as empty lists (keep everything).
 */
public final class ListGroupsCodec extends AbstractCodec<ListGroupsRequest, ListGroupsResponse> {

    public static final short API_KEY = 16;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final ListGroupsCodec INSTANCE = new ListGroupsCodec();

    private ListGroupsCodec() {
        super(API_KEY, "ListGroups", ListGroupsRequestData.LOWEST_SUPPORTED_VERSION, ListGroupsRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public ListGroupsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new ListGroupsRequestData(), body, header.apiVersion(), d -> new ListGroupsRequest(
                Convert.map(d.statesFilter(), s -> s), Convert.map(d.typesFilter(), t -> t)));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, ListGroupsResponse r) {
        ListGroupsResponseData d = new ListGroupsResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()));
        for (ListGroupsResponse.Group g : r.groups()) {
            // State and type are ignorable: older versions drop them. Neither is nullable on the wire.
            d.groups().add(new ListGroupsResponseData.ListedGroup()
                    .setGroupId(g.groupId())
                    .setProtocolType(g.protocolType())
                    .setGroupState(g.groupState() == null ? "" : g.groupState())
                    .setGroupType(g.groupType() == null ? "" : g.groupType()));
        }
        return ResponseEncoder.encode(header, d);
    }

    @Override
    public ListGroupsResponse errorResponse(RequestHeader header, ListGroupsRequest request, ErrorCode error) {
        return new ListGroupsResponse(0, error, List.of());
    }
}
