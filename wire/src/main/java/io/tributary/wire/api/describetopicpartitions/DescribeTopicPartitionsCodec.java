package io.tributary.wire.api.describetopicpartitions;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;

/**
 * DescribeTopicPartitions (key 75), version 0 only (KIP-966): how the Java admin client (3.8+) and
 * {@code kafka-topics --describe} describe topics by name when the broker advertises it, because it
 * is the only API that shows a partition's eligible leader replicas. It pages: the response holds at
 * most {@code responsePartitionLimit} partitions and a cursor to continue from.
 */
public final class DescribeTopicPartitionsCodec
        implements ApiCodec<DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse> {

    public static final short API_KEY = 75;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DescribeTopicPartitionsCodec INSTANCE = new DescribeTopicPartitionsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "DescribeTopicPartitions";
    }

    @Override
    public short minVersion() {
        return DescribeTopicPartitionsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return DescribeTopicPartitionsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public DescribeTopicPartitionsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new DescribeTopicPartitionsRequestData(), body, header.apiVersion(), d -> {
            DescribeTopicPartitionsRequestData.Cursor c = d.cursor();
            return new DescribeTopicPartitionsRequest(
                    Convert.map(d.topics(), DescribeTopicPartitionsRequestData.TopicRequest::name),
                    d.responsePartitionLimit(),
                    c == null ? null : new DescribeTopicPartitionsRequest.Cursor(c.topicName(), c.partitionIndex()));
        });
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DescribeTopicPartitionsResponse r) {
        DescribeTopicPartitionsResponseData d = new DescribeTopicPartitionsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (DescribeTopicPartitionsResponse.Topic t : r.topics()) {
            DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic rt =
                    new DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic()
                            .setErrorCode(Convert.code(t.error()))
                            .setName(t.name())
                            .setTopicId(Convert.uuid(t.topicId()))
                            .setIsInternal(t.isInternal())
                            .setTopicAuthorizedOperations(t.topicAuthorizedOperations());
            for (DescribeTopicPartitionsResponse.Partition p : t.partitions()) {
                rt.partitions().add(new DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition()
                        .setErrorCode(Convert.code(p.error()))
                        .setPartitionIndex(p.partitionIndex())
                        .setLeaderId(p.leaderId())
                        .setLeaderEpoch(p.leaderEpoch())
                        .setReplicaNodes(new ArrayList<>(p.replicaNodes()))
                        .setIsrNodes(new ArrayList<>(p.isrNodes()))
                        .setEligibleLeaderReplicas(new ArrayList<>(p.eligibleLeaderReplicas()))
                        .setLastKnownElr(new ArrayList<>(p.lastKnownElr()))
                        .setOfflineReplicas(new ArrayList<>(p.offlineReplicas())));
            }
            // Topics are keyed by name in Kafka's generated collection; add() keeps them in our (name) order.
            d.topics().add(rt);
        }
        if (r.nextCursor() != null) {
            d.setNextCursor(new DescribeTopicPartitionsResponseData.Cursor()
                    .setTopicName(r.nextCursor().topicName())
                    .setPartitionIndex(r.nextCursor().partitionIndex()));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every requested topic with {@code error} and no partitions; a request for all topics gets an empty list, as in Kafka. */
    @Override
    public DescribeTopicPartitionsResponse errorResponse(RequestHeader header, DescribeTopicPartitionsRequest request, ErrorCode error) {
        List<DescribeTopicPartitionsResponse.Topic> topics = new ArrayList<>();
        for (String name : request.topics()) {
            topics.add(new DescribeTopicPartitionsResponse.Topic(error, name, null, false, List.of(),
                    DescribeTopicPartitionsResponse.OPERATIONS_OMITTED));
        }
        return new DescribeTopicPartitionsResponse(0, topics, null);
    }
}
