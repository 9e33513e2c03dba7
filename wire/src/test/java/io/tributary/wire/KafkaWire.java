package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsCodec;
import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.alterpartition.AlterPartitionCodec;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatCodec;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationCodec;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsCodec;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsCodec;
import io.tributary.wire.api.deleterecords.DeleteRecordsCodec;
import io.tributary.wire.api.electleaders.ElectLeadersCodec;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsCodec;
import io.tributary.wire.api.reassignments.ListPartitionReassignmentsCodec;
import io.tributary.wire.api.findcoordinator.FindCoordinatorCodec;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Test helpers that play the client: serialise requests the way kafka-clients does (header version by
 * {@code ApiKeys.requestHeaderVersion}) and read our responses back with kafka-clients' own classes.
 */
public final class KafkaWire {

    public static final int CORRELATION_ID = 0x1234_5678;

    /** Every server codec the module has, whichever listener serves it: what the tests decode with. */
    public static final ApiRegistry EVERY_CODEC = ApiRegistry.standard().plus(
            AlterConfigsCodec.INSTANCE,
            AlterPartitionCodec.INSTANCE,
            AllocateProducerIdsCodec.INSTANCE,
            BrokerHeartbeatCodec.INSTANCE,
            BrokerRegistrationCodec.INSTANCE,
            DescribeTopicPartitionsCodec.INSTANCE,
            ElectLeadersCodec.INSTANCE,
            OffsetForLeaderEpochCodec.INSTANCE,
            UnregisterBrokerCodec.INSTANCE,
            FindCoordinatorCodec.INSTANCE,
            DeleteRecordsCodec.INSTANCE,
            AlterReplicaLogDirsCodec.INSTANCE,
            DescribeLogDirsCodec.INSTANCE,
            AlterPartitionReassignmentsCodec.INSTANCE,
            ListPartitionReassignmentsCodec.INSTANCE).plus(ApiRegistry.groupCodecs());
    public static final String CLIENT_ID = "wire-test";

    private KafkaWire() {
    }

    /** A request frame without the 4-byte size prefix, as the network layer hands it to the reader. */
    public static ByteBuffer request(ApiMessage body, short version) {
        return request(body, version, CORRELATION_ID, CLIENT_ID);
    }

    public static ByteBuffer request(ApiMessage body, short version, int correlationId, String clientId) {
        ApiKeys key = ApiKeys.forId(body.apiKey());
        short headerVersion = key.requestHeaderVersion(version);
        RequestHeaderData header = new RequestHeaderData()
                .setRequestApiKey(body.apiKey())
                .setRequestApiVersion(version)
                .setCorrelationId(correlationId)
                .setClientId(clientId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.size(cache, version);
        ByteBuffer buf = ByteBuffer.allocate(size);
        ByteBufferAccessor out = new ByteBufferAccessor(buf);
        header.write(out, cache, headerVersion);
        body.write(out, cache, version);
        assertThat(buf.remaining()).isZero();
        return buf.flip();
    }

    /** Reads a request frame back into the codec's domain type, failing the test on anything but Ok. */
    @SuppressWarnings("unchecked")
    public static <Q> Q decode(ApiMessage body, short version) {
        ParsedRequest parsed = new RequestReader(EVERY_CODEC).read(request(body, version));
        assertThat(parsed).isInstanceOf(ParsedRequest.Ok.class);
        ParsedRequest.Ok<?, ?> ok = (ParsedRequest.Ok<?, ?>) parsed;
        assertThat(ok.header().correlationId()).isEqualTo(CORRELATION_ID);
        assertThat(ok.header().clientId()).isEqualTo(CLIENT_ID);
        assertThat(ok.header().apiVersion()).isEqualTo(version);
        return (Q) ok.body();
    }

    /** The header our codecs answer: as a request at {@code version} of {@code apiKey} would have. */
    public static RequestHeader header(short apiKey, short version) {
        return new RequestHeader(apiKey, version, CORRELATION_ID, CLIENT_ID);
    }

    /** Concatenates the chunks, reading file ranges from their channels. */
    public static ByteBuffer assemble(ResponseFrame frame) {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(frame.sizeInBytes()));
        for (RecordsSlice c : frame.chunks()) {
            if (c instanceof RecordsSlice.Buffer b) {
                all.put(b.bytes().duplicate());
            } else if (c instanceof RecordsSlice.FileRange f) {
                ByteBuffer part = ByteBuffer.allocate(f.size());
                try {
                    while (part.hasRemaining()) {
                        int n = f.channel().read(part, f.position() + part.position());
                        if (n < 0) {
                            throw new IllegalStateException("file range beyond end of file");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                all.put(part.flip());
            }
        }
        assertThat(all.remaining()).isZero();
        return all.flip();
    }

    /**
     * Parses a response frame the way a client does: size prefix, response header at the version
     * kafka-clients expects, body at {@code version} into {@code into}; checks nothing is left over.
     */
    public static <T extends ApiMessage> T parse(ResponseFrame frame, short version, T into) {
        ByteBuffer buf = assemble(frame);
        assertThat(buf.getInt()).as("size prefix").isEqualTo(buf.remaining());
        short headerVersion = ApiKeys.forId(into.apiKey()).responseHeaderVersion(version);
        ResponseHeaderData header = new ResponseHeaderData(new ByteBufferAccessor(buf), headerVersion);
        assertThat(header.correlationId()).isEqualTo(CORRELATION_ID);
        into.read(new ByteBufferAccessor(buf), version);
        assertThat(buf.remaining()).as("bytes left after the body").isZero();
        return into;
    }
}
