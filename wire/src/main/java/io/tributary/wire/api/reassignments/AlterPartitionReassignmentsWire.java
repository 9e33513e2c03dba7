package io.tributary.wire.api.reassignments;

import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;

/** The message classes of AlterPartitionReassignments from our records, shared by both codecs. */
final class AlterPartitionReassignmentsWire {

    private AlterPartitionReassignmentsWire() {
    }

    static AlterPartitionReassignmentsResponseData responseData(short version, AlterPartitionReassignmentsResponse r) {
        AlterPartitionReassignmentsResponseData d = new AlterPartitionReassignmentsResponseData()
                .setThrottleTimeMs(r.throttleTimeMs()).setErrorCode(Convert.code(r.error())).setErrorMessage(r.errorMessage());
        for (AlterPartitionReassignmentsResponse.TopicResult t : r.topics()) {
            d.responses().add(new AlterPartitionReassignmentsResponseData.ReassignableTopicResponse().setName(t.name())
                    .setPartitions(Convert.map(t.partitions(), p -> new AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse()
                            .setPartitionIndex(p.partitionIndex()).setErrorCode(Convert.code(p.error())).setErrorMessage(p.errorMessage()))));
        }
        return d;
    }

    static AlterPartitionReassignmentsRequestData requestData(short version, AlterPartitionReassignmentsRequest r) {
        AlterPartitionReassignmentsRequestData d = new AlterPartitionReassignmentsRequestData().setTimeoutMs(r.timeoutMs());
        if (version >= 1) {
            d.setAllowReplicationFactorChange(r.allowReplicationFactorChange());
        }
        for (AlterPartitionReassignmentsRequest.Topic t : r.topics()) {
            d.topics().add(new AlterPartitionReassignmentsRequestData.ReassignableTopic().setName(t.name())
                    .setPartitions(Convert.map(t.partitions(), p -> new AlterPartitionReassignmentsRequestData.ReassignablePartition()
                            .setPartitionIndex(p.partitionIndex()).setReplicas(p.replicas() == null ? null : new ArrayList<>(p.replicas())))));
        }
        return d;
    }
}
