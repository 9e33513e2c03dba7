package io.tributary.wire;

import io.tributary.wire.api.FetchCodecTest;
import io.tributary.wire.api.ListOffsetsCodecTest;
import io.tributary.wire.api.ProduceCodecTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiMessage;

/** A valid, populated request of every API the module implements at every version: the corpus for the fuzz properties. */
public final class SampleRequests {

    public record Sample(ApiMessage body, short version) {

        public ByteBuffer frame() {
            return KafkaWire.request(body, version);
        }

        @Override
        public String toString() {
            return body.getClass().getSimpleName().replace("RequestData", "") + " v" + version;
        }
    }

    private SampleRequests() {
    }

    public static List<Sample> all() {
        List<Sample> out = new ArrayList<>();
        for (ApiVersionRange range : KafkaWire.EVERY_CODEC.advertised()) {
            for (short v = range.minVersion(); v <= range.maxVersion(); v++) {
                out.add(new Sample(sample(range.apiKey(), v), v));
            }
        }
        return List.copyOf(out);
    }

    public static List<ByteBuffer> frames() {
        return all().stream().map(Sample::frame).toList();
    }

    static ApiMessage sample(short apiKey, short v) {
        return switch (apiKey) {
            case 0 -> ProduceCodecTest.request(v, ProduceCodecTest.batch("a"), ProduceCodecTest.batch("b"));
            case 1 -> FetchCodecTest.request(v);
            case 2 -> ListOffsetsCodecTest.request();
            case 3 -> metadata(v);
            case 18 -> new ApiVersionsRequestData().setClientSoftwareName("tributary-test").setClientSoftwareVersion("1.0");
            case 19 -> createTopics();
            case 20 -> deleteTopics(v);
            case 21 -> deleteRecords();
            case 22 -> new InitProducerIdRequestData().setTransactionalId("txn").setTransactionTimeoutMs(60_000);
            case 32 -> describeConfigs();
            case 37 -> createPartitions();
            case 44 -> alterConfigs();
            case 60 -> new DescribeClusterRequestData().setIncludeClusterAuthorizedOperations(true);
            case 75 -> describeTopicPartitions();
            case 23, 33, 34, 35, 43, 45, 46, 56, 62, 63, 64, 67 -> ClusterSampleRequests.sample(apiKey, v);
            case 8, 9, 10, 11, 12, 13, 14, 15, 16, 42, 47 -> GroupSampleRequests.sample(apiKey, v);
            default -> throw new IllegalArgumentException("no sample for API key " + apiKey);
        };
    }

    private static MetadataRequestData metadata(short v) {
        MetadataRequestData d = new MetadataRequestData().setAllowAutoTopicCreation(true);
        d.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("orders"));
        d.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("payments"));
        return d;
    }

    private static CreateTopicsRequestData createTopics() {
        CreateTopicsRequestData d = new CreateTopicsRequestData().setTimeoutMs(1000);
        CreateTopicsRequestData.CreatableTopic t = new CreateTopicsRequestData.CreatableTopic().setName("orders")
                .setNumPartitions(3).setReplicationFactor((short) 1);
        t.configs().add(new CreateTopicsRequestData.CreatableTopicConfig().setName("cleanup.policy").setValue("compact"));
        d.topics().add(t);
        return d;
    }

    private static DeleteTopicsRequestData deleteTopics(short v) {
        DeleteTopicsRequestData d = new DeleteTopicsRequestData().setTimeoutMs(1000);
        if (v >= 6) {
            d.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName(null).setTopicId(Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w")));
        } else {
            d.setTopicNames(List.of("orders"));
        }
        return d;
    }

    /** Two topics, one partition asking for the high watermark (-1), as {@code kafka-delete-records} may send. */
    public static DeleteRecordsRequestData deleteRecords() {
        DeleteRecordsRequestData d = new DeleteRecordsRequestData().setTimeoutMs(30_000);
        d.topics().add(new DeleteRecordsRequestData.DeleteRecordsTopic().setName("orders").setPartitions(List.of(
                new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0).setOffset(42L),
                new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(1).setOffset(-1L))));
        d.topics().add(new DeleteRecordsRequestData.DeleteRecordsTopic().setName("payments").setPartitions(List.of(
                new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(3).setOffset(7L))));
        return d;
    }

    private static DescribeConfigsRequestData describeConfigs() {
        DescribeConfigsRequestData d = new DescribeConfigsRequestData().setIncludeSynonyms(true);
        d.resources().add(new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType((byte) 2).setResourceName("orders")
                .setConfigurationKeys(List.of("retention.ms", "cleanup.policy")));
        return d;
    }

    private static CreatePartitionsRequestData createPartitions() {
        CreatePartitionsRequestData d = new CreatePartitionsRequestData().setTimeoutMs(1000);
        d.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName("orders").setCount(2).setAssignments(List.of(
                new CreatePartitionsRequestData.CreatePartitionsAssignment().setBrokerIds(List.of(1)))));
        return d;
    }

    private static IncrementalAlterConfigsRequestData alterConfigs() {
        IncrementalAlterConfigsRequestData d = new IncrementalAlterConfigsRequestData();
        IncrementalAlterConfigsRequestData.AlterConfigsResource r = new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                .setResourceType((byte) 2).setResourceName("orders");
        r.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("retention.ms").setConfigOperation((byte) 0).setValue("1"));
        d.resources().add(r);
        return d;
    }

    /** Two topics with a cursor into the second, as a client paging through a big topic sends it. */
    public static DescribeTopicPartitionsRequestData describeTopicPartitions() {
        DescribeTopicPartitionsRequestData d = new DescribeTopicPartitionsRequestData().setResponsePartitionLimit(100)
                .setCursor(new DescribeTopicPartitionsRequestData.Cursor().setTopicName("payments").setPartitionIndex(7));
        d.topics().add(new DescribeTopicPartitionsRequestData.TopicRequest().setName("orders"));
        d.topics().add(new DescribeTopicPartitionsRequestData.TopicRequest().setName("payments"));
        return d;
    }
}
