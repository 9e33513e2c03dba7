package io.tributary.broker.replica;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.metadata.config.DynamicBrokerKeys;

/**
 * How a follower fetches, from the broker's {@code replica.*} keys.
 *
 * @param listenerName          the leaders' listener to connect to ({@code inter.broker.listener.name})
 * @param waitMaxMs             {@code replica.fetch.wait.max.ms}: how long the leader may hold a fetch
 * @param minBytes              {@code replica.fetch.min.bytes}
 * @param responseBytesMax      {@code replica.fetch.response.max.bytes}: bytes in flight from one leader, at most
 * @param partitionBytesMax     {@code replica.fetch.max.bytes}: per partition
 * @param backoffMs             {@code replica.fetch.backoff.ms}: the wait after an error
 * @param socketTimeoutMs       {@code replica.socket.timeout.ms}: beyond the wait, how long an answer may take
 * @param followerThrottledRateBytesPerSecond {@code follower.replication.throttled.rate} from the properties file,
 *                              beneath its dynamic values ({@link ReplicationThrottle})
 */
public record FetcherSettings(String listenerName, int waitMaxMs, int minBytes, int responseBytesMax, int partitionBytesMax,
                              int backoffMs, int socketTimeoutMs, long followerThrottledRateBytesPerSecond) {

    public static FetcherSettings from(BrokerConfig config) {
        return new FetcherSettings(config.interBrokerListenerName(), config.replicaFetchWaitMaxMs(), config.replicaFetchMinBytes(),
                config.replicaFetchResponseMaxBytes(), config.replicaFetchMaxBytes(), config.replicaFetchBackoffMs(),
                config.replicaSocketTimeoutMs(), config.staticRateBytesPerSecond(DynamicBrokerKeys.FOLLOWER_REPLICATION_THROTTLED_RATE));
    }

    /** How long one fetch may take before the connection is given up. */
    public long requestTimeoutMs() {
        return (long) waitMaxMs + socketTimeoutMs;
    }
}
