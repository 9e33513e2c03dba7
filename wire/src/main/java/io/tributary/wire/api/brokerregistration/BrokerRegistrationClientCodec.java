package io.tributary.wire.api.brokerregistration;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;

/**
 * The client side of BrokerRegistration (key 62): a broker registering with the active controller at
 * startup. Default version {@value #DEFAULT_VERSION}. Log directories (v2+) and the previous broker
 * epoch (v3+) are dropped where absent, as Kafka drops them; {@code isMigratingZkBroker} set before
 * v1 is refused.
 */
public final class BrokerRegistrationClientCodec extends AbstractClientCodec<BrokerRegistrationRequest, BrokerRegistrationResponse,
        BrokerRegistrationRequestData, BrokerRegistrationResponseData> {

    public static final short DEFAULT_VERSION = 4;

    public static final BrokerRegistrationClientCodec INSTANCE = new BrokerRegistrationClientCodec();

    private BrokerRegistrationClientCodec() {
        super(BrokerRegistrationCodec.API_KEY, "BrokerRegistration", BrokerRegistrationRequestData.LOWEST_SUPPORTED_VERSION,
                BrokerRegistrationRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected BrokerRegistrationRequestData requestData(short version, BrokerRegistrationRequest r) {
        BrokerRegistrationRequestData d = new BrokerRegistrationRequestData()
                .setBrokerId(r.brokerId())
                .setClusterId(r.clusterId())
                .setIncarnationId(Convert.uuid(r.incarnationId()))
                .setRack(r.rack())
                .setIsMigratingZkBroker(r.isMigratingZkBroker())
                .setLogDirs(r.logDirs().stream().map(Convert::uuid).toList())
                .setPreviousBrokerEpoch(r.previousBrokerEpoch());
        for (BrokerRegistrationRequest.Listener l : r.listeners()) {
            d.listeners().add(new BrokerRegistrationRequestData.Listener()
                    .setName(l.name()).setHost(l.host()).setPort(l.port()).setSecurityProtocol(l.securityProtocol().id()));
        }
        for (BrokerRegistrationRequest.Feature f : r.features()) {
            d.features().add(new BrokerRegistrationRequestData.Feature()
                    .setName(f.name()).setMinSupportedVersion(f.minSupportedVersion()).setMaxSupportedVersion(f.maxSupportedVersion()));
        }
        return d;
    }

    @Override
    protected BrokerRegistrationResponseData emptyResponse() {
        return new BrokerRegistrationResponseData();
    }

    @Override
    protected BrokerRegistrationResponse response(short version, BrokerRegistrationResponseData d) {
        return new BrokerRegistrationResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), d.brokerEpoch());
    }
}
