package io.tributary.wire.api.brokerheartbeat;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;

/**
 * The client side of BrokerHeartbeat (key 63): a registered broker's periodic heartbeat to the active
 * controller. Default version {@value #DEFAULT_VERSION}. Offline log directories need v1+ and are
 * refused at v0 (the controller must not think a failed directory healthy).
 */
public final class BrokerHeartbeatClientCodec extends AbstractClientCodec<BrokerHeartbeatRequest, BrokerHeartbeatResponse,
        BrokerHeartbeatRequestData, BrokerHeartbeatResponseData> {

    public static final short DEFAULT_VERSION = 2;

    public static final BrokerHeartbeatClientCodec INSTANCE = new BrokerHeartbeatClientCodec();

    private BrokerHeartbeatClientCodec() {
        super(BrokerHeartbeatCodec.API_KEY, "BrokerHeartbeat", BrokerHeartbeatRequestData.LOWEST_SUPPORTED_VERSION,
                BrokerHeartbeatRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected BrokerHeartbeatRequestData requestData(short version, BrokerHeartbeatRequest r) {
        return new BrokerHeartbeatRequestData()
                .setBrokerId(r.brokerId())
                .setBrokerEpoch(r.brokerEpoch())
                .setCurrentMetadataOffset(r.currentMetadataOffset())
                .setWantFence(r.wantFence())
                .setWantShutDown(r.wantShutDown())
                .setOfflineLogDirs(r.offlineLogDirs().stream().map(Convert::uuid).toList());
    }

    @Override
    protected BrokerHeartbeatResponseData emptyResponse() {
        return new BrokerHeartbeatResponseData();
    }

    @Override
    protected BrokerHeartbeatResponse response(short version, BrokerHeartbeatResponseData d) {
        return new BrokerHeartbeatResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), d.isCaughtUp(), d.isFenced(), d.shouldShutDown());
    }
}
