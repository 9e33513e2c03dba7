package io.tributary.wire.api.alterpartition;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterPartitionResponseData;

/**
 * The client side of AlterPartition (key 56): a partition leader proposing a new ISR to the active
 * controller. Default version {@value #DEFAULT_VERSION}. At v2 the ISR goes as broker ids only (the
 * members' broker epochs are dropped, which is what v2 means); from v3 each member carries its epoch.
 */
public final class AlterPartitionClientCodec
        extends AbstractClientCodec<AlterPartitionRequest, AlterPartitionResponse, AlterPartitionRequestData, AlterPartitionResponseData> {

    public static final short DEFAULT_VERSION = 3;

    public static final AlterPartitionClientCodec INSTANCE = new AlterPartitionClientCodec();

    private AlterPartitionClientCodec() {
        super(AlterPartitionCodec.API_KEY, "AlterPartition", AlterPartitionRequestData.LOWEST_SUPPORTED_VERSION,
                AlterPartitionRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected AlterPartitionRequestData requestData(short version, AlterPartitionRequest r) {
        AlterPartitionRequestData d = new AlterPartitionRequestData().setBrokerId(r.brokerId()).setBrokerEpoch(r.brokerEpoch());
        for (AlterPartitionRequest.Topic t : r.topics()) {
            AlterPartitionRequestData.TopicData td = new AlterPartitionRequestData.TopicData().setTopicId(Convert.uuid(t.topicId()));
            for (AlterPartitionRequest.Partition p : t.partitions()) {
                AlterPartitionRequestData.PartitionData pd = new AlterPartitionRequestData.PartitionData()
                        .setPartitionIndex(p.partitionIndex())
                        .setLeaderEpoch(p.leaderEpoch())
                        .setLeaderRecoveryState(p.leaderRecoveryState())
                        .setPartitionEpoch(p.partitionEpoch());
                if (version >= 3) {
                    List<AlterPartitionRequestData.BrokerState> isr = new ArrayList<>();
                    for (AlterPartitionRequest.IsrMember m : p.newIsrWithEpochs()) {
                        isr.add(new AlterPartitionRequestData.BrokerState().setBrokerId(m.brokerId()).setBrokerEpoch(m.brokerEpoch()));
                    }
                    pd.setNewIsrWithEpochs(isr);
                } else {
                    pd.setNewIsr(new ArrayList<>(p.newIsr()));
                }
                td.partitions().add(pd);
            }
            d.topics().add(td);
        }
        return d;
    }

    @Override
    protected AlterPartitionResponseData emptyResponse() {
        return new AlterPartitionResponseData();
    }

    @Override
    protected AlterPartitionResponse response(short version, AlterPartitionResponseData d) {
        return new AlterPartitionResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), Convert.map(d.topics(),
                t -> new AlterPartitionResponse.Topic(Convert.topicId(t.topicId()), Convert.map(t.partitions(),
                        p -> new AlterPartitionResponse.Partition(p.partitionIndex(), Convert.error(p.errorCode()), p.leaderId(),
                                p.leaderEpoch(), Convert.ints(p.isr()), p.leaderRecoveryState(), p.partitionEpoch())))));
    }
}
