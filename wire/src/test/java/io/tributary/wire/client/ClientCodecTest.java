package io.tributary.wire.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.ClientCodec;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.MalformedResponseException;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestReader;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.api.apiversions.ApiVersionsClientCodec;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.deletetopics.DeleteTopicsClientCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsRequest;
import io.tributary.wire.api.describecluster.DescribeClusterClientCodec;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.electleaders.ElectLeadersClientCodec;
import io.tributary.wire.api.electleaders.ElectLeadersRequest;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import io.tributary.wire.api.listoffsets.ListOffsetsClientCodec;
import io.tributary.wire.api.metadata.MetadataClientCodec;
import io.tributary.wire.api.metadata.MetadataRequest;
import io.tributary.wire.api.metadata.MetadataResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the client codecs do besides round trips: refusals, drops, the KIP-511 fallback, zero-copy records, bad bytes. */
class ClientCodecTest {

    private static final RequestReader READER = new RequestReader(KafkaWire.EVERY_CODEC);

    static List<ApiPair<?, ?>> apis() {
        return ClientSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void speaksExactlyTheServersVersionsAndDefaultsToTheHighest(ApiPair<?, ?> api) {
        assertThat(api.client().apiKey()).isEqualTo(api.server().apiKey());
        assertThat(api.client().name()).isEqualTo(api.server().name());
        assertThat(api.client().minVersion()).isEqualTo(api.server().minVersion());
        assertThat(api.client().maxVersion()).isEqualTo(api.server().maxVersion());
        assertThat(api.client().defaultVersion()).isEqualTo(api.server().maxVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    <Q, R> void refusesVersionsOutOfRangeAsTheCallersBug(ApiPair<Q, R> api) {
        short above = (short) (api.client().maxVersion() + 1);
        assertThatThrownBy(() -> api.client().encodeRequest(above, 1, "c", api.request(api.client().maxVersion())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(api.client().name());
        assertThatThrownBy(() -> api.client().decodeResponse(above, ByteBuffer.allocate(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version " + above);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    <Q, R> void refusesResponsesThatAreCutShortOrOverlongWithTheApiAndVersion(ApiPair<Q, R> api) {
        short v = api.client().defaultVersion();
        ByteBuffer valid = ClientRoundTripTest.withoutSizePrefix(api.server().encode(ClientRoundTripTest.header(api.client(), v), api.response(v)));

        ByteBuffer cut = valid.duplicate().limit(valid.limit() - 1);
        assertThatThrownBy(() -> api.client().decodeResponse(v, cut)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining(api.client().name() + " v" + v);

        ByteBuffer overlong = ByteBuffer.allocate(valid.remaining() + 3).put(valid.duplicate()).put(new byte[] {1, 2, 3}).flip();
        assertThatThrownBy(() -> api.client().decodeResponse(v, overlong)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("3 bytes after the body");

        assertThatThrownBy(() -> api.client().decodeResponse(v, ByteBuffer.allocate(2))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("header does not parse");
    }

    @Test
    void peeksTheCorrelationIdWithoutMovingThePosition() {
        ByteBuffer frame = ByteBuffer.allocate(9).put((byte) 7).putInt(0x0102_0304).put(new byte[4]).flip();
        frame.position(1);
        assertThat(ClientCodec.correlationId(frame)).isEqualTo(0x0102_0304);
        assertThat(frame.position()).isEqualTo(1);
        assertThatThrownBy(() -> ClientCodec.correlationId(ByteBuffer.allocate(3)))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("3 bytes");
    }

    @Test
    void refusesRequestsAVersionCannotCarryInsteadOfChangingTheirMeaning() {
        ElectLeadersRequest unclean = AdminSamples.electLeadersRequest(1);
        assertThatThrownBy(() -> ElectLeadersClientCodec.INSTANCE.encodeRequest((short) 0, 1, "c", unclean))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ElectLeaders v0");

        DescribeClusterRequest controllers = new DescribeClusterRequest(false, DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS, false);
        assertThatThrownBy(() -> DescribeClusterClientCodec.INSTANCE.encodeRequest((short) 0, 1, "c", controllers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DescribeCluster v0");

        assertThatThrownBy(() -> FetchClientCodec.INSTANCE.encodeRequest((short) 13, 1, "c", DataSamples.fetchRequest(12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by id; topic orders has none");
        assertThatThrownBy(() -> FetchClientCodec.INSTANCE.encodeRequest((short) 12, 1, "c", DataSamples.fetchRequest(13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by name");

        DeleteTopicsRequest byId = new DeleteTopicsRequest(List.of(new TopicRef(null, DataSamples.ID)), 1000);
        assertThatThrownBy(() -> DeleteTopicsClientCodec.INSTANCE.encodeRequest((short) 5, 1, "c", byId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no name");

        MetadataRequest noAutoCreate = new MetadataRequest(false, List.of(TopicRef.byName("orders")), false, false, false);
        assertThatThrownBy(() -> MetadataClientCodec.INSTANCE.encodeRequest((short) 3, 1, "c", noAutoCreate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Metadata v3");

        assertThatThrownBy(() -> ListOffsetsClientCodec.INSTANCE.encodeRequest((short) 1, 1, "c", DataSamples.listOffsetsRequest(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ListOffsets v1");
        CreateTopicsRequest unnamed = new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic(null, 1, (short) 1, List.of(), List.of())),
                1000, false);
        assertThatThrownBy(() -> CreateTopicsClientCodec.INSTANCE.encodeRequest(1, "c", unnamed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CreateTopics v7 request has a null");
    }

    @Test
    void dropsWhatAnOlderVersionLeavesOutWhereMeaningSurvives() {
        // AlterPartition v2 carries ISR ids without the members' broker epochs.
        assertThat(decodeOnServer(ClusterSamples.alterPartitionRequest(3), io.tributary.wire.api.alterpartition.AlterPartitionClientCodec.INSTANCE, (short) 2))
                .isEqualTo(ClusterSamples.alterPartitionRequest(2));
        // BrokerRegistration v1 carries neither log directories nor the previous epoch.
        assertThat(decodeOnServer(ClusterSamples.brokerRegistrationRequest(3),
                io.tributary.wire.api.brokerregistration.BrokerRegistrationClientCodec.INSTANCE, (short) 1))
                .satisfies(r -> {
                    assertThat(r.logDirs()).isEmpty();
                    assertThat(r.previousBrokerEpoch()).isEqualTo(-1L);
                    assertThat(r.incarnationId()).isEqualTo(ClusterSamples.INCARNATION);
                });
        // OffsetForLeaderEpoch v2 has no replica id: the leader sees a debugging client, as in Kafka.
        assertThat(decodeOnServer(DataSamples.offsetForLeaderEpochRequest(4),
                io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochClientCodec.INSTANCE, (short) 2).replicaId()).isEqualTo(-2);
    }

    @Test
    void metadataAskingForEveryTopicIsAnEmptyListAtV0AndANullListAfter() {
        MetadataRequest all = new MetadataRequest(true, List.of(), true, false, false);
        for (short v : new short[] {0, 1, 13}) {
            assertThat(decodeOnServer(all, MetadataClientCodec.INSTANCE, v)).as("v%d", v).isEqualTo(all);
        }
    }

    @Test
    void fetchedRecordsAreASliceOfTheResponseFrameNotACopy() {
        short v = FetchClientCodec.DEFAULT_VERSION;
        FetchResponse sent = DataSamples.fetchResponse(v);
        ByteBuffer frame = ClientRoundTripTest.withoutSizePrefix(FetchCodec.INSTANCE.encode(ClientRoundTripTest.header(FetchClientCodec.INSTANCE, v), sent));

        FetchResponse read = FetchClientCodec.INSTANCE.decodeResponse(v, frame);
        RecordsSlice records = read.topics().get(0).partitions().get(0).records();
        assertThat(records).isInstanceOfSatisfying(RecordsSlice.Buffer.class, b -> {
            assertThat(b.bytes()).isEqualTo(DataSamples.BATCH);
            assertThat(b.bytes().hasArray()).isTrue();
            assertThat(b.bytes().array()).as("backed by the frame's own array").isSameAs(frame.array());
        });
    }

    @Test
    void theMetadataLongPollNamesTheMetadataTopicByKafkasFixedId() {
        assertThat(FetchRequest.CLUSTER_METADATA_TOPIC_ID).isEqualTo(
                new TopicId(Uuid.METADATA_TOPIC_ID.getMostSignificantBits(), Uuid.METADATA_TOPIC_ID.getLeastSignificantBits()));
        FetchRequest poll = new FetchRequest(2, 1234L, 500, 1, 8 << 20, IsolationLevel.READ_UNCOMMITTED, 0, -1,
                List.of(new FetchRequest.Topic(null, FetchRequest.CLUSTER_METADATA_TOPIC_ID,
                        List.of(new FetchRequest.Partition(0, -1, 4711L, -1, -1L, 8 << 20)))),
                List.of(), "", "MkU3OEVBNTcwNTJENDM2Qk");
        ParsedRequest.Ok<?, ?> ok = (ParsedRequest.Ok<?, ?>) READER.read(
                FetchClientCodec.INSTANCE.encodeRequest(9, "broker-2", poll).position(4).slice());
        assertThat(ok.body()).isEqualTo(poll);
    }

    @Test
    void readsTheKip511AnswerToAnApiVersionsVersionThePeerDoesNotKnow() {
        List<ApiVersionRange> ranges = ApiRegistry.controller().advertised();
        ByteBuffer reply = ClientRoundTripTest.withoutSizePrefix(ApiVersionsCodec.unsupportedVersionReply(5, ranges));
        ApiVersionsResponse r = ApiVersionsClientCodec.INSTANCE.decodeResponse(ApiVersionsClientCodec.DEFAULT_VERSION, reply);
        assertThat(r.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(r.apiKeys()).isEqualTo(ranges);
    }

    @Test
    void picksTheHighestVersionBothSidesSpeak() {
        FetchClientCodec fetch = FetchClientCodec.INSTANCE;
        assertThat(fetch.versionFor(new ApiVersionRange(FetchCodec.API_KEY, (short) 0, (short) 30))).isEqualTo(FetchClientCodec.DEFAULT_VERSION);
        assertThat(fetch.versionFor(new ApiVersionRange(FetchCodec.API_KEY, (short) 0, (short) 12))).isEqualTo((short) 12);
        assertThat(fetch.versionFor(new ApiVersionRange(FetchCodec.API_KEY, (short) 0, (short) 3))).isEqualTo((short) -1);
        assertThatThrownBy(() -> fetch.versionFor(new ApiVersionRange((short) 3, (short) 0, (short) 13)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAnswerWhoseMetadataIsCutShortIsMalformedNotHalfRead() {
        MetadataResponse sent = DataSamples.metadataResponse(13);
        ByteBuffer frame = ClientRoundTripTest.withoutSizePrefix(
                io.tributary.wire.api.metadata.MetadataCodec.INSTANCE.encode(ClientRoundTripTest.header(MetadataClientCodec.INSTANCE, (short) 13), sent));
        for (int cut = 1; cut < frame.remaining(); cut += 7) {
            ByteBuffer shorter = frame.duplicate().limit(frame.limit() - cut);
            assertThatThrownBy(() -> MetadataClientCodec.INSTANCE.decodeResponse((short) 13, shorter))
                    .isInstanceOf(MalformedResponseException.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static <Q> Q decodeOnServer(Q request, ClientCodec<Q, ?> client, short version) {
        ParsedRequest parsed = READER.read(client.encodeRequest(version, 1, "c", request).position(4).slice());
        assertThat(parsed).isInstanceOf(ParsedRequest.Ok.class);
        return (Q) ((ParsedRequest.Ok<?, ?>) parsed).body();
    }
}
