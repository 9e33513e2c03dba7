package io.tributary.broker.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.tributary.broker.handler.RequestObserver;
import io.tributary.common.ErrorCode;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import io.tributary.wire.api.produce.ProduceRequest;
import io.tributary.wire.api.produce.ProduceResponse;
import java.util.List;

/**
 * Request rates and latencies by API (and {@code acks} for Produce), and the bytes clients and
 * followers move, counted once per answered request from its decoded request and response. The
 * counters and histogram are the client library's lock-free ones; a label set's data point is looked
 * up in a concurrent map, so the hot path takes no lock.
 *
 * <p>Bytes in are the record batches of partitions whose append succeeded (Kafka's BytesInPerSec,
 * which counts leader appends from clients); bytes out are the records in Fetch responses, to
 * consumers ({@code BytesOutPerSec}) and to followers ({@code ReplicationBytesOutPerSec}), as
 * Kafka splits them since KIP-153.
 */
final class RequestMetrics implements RequestObserver {

    /** From half a millisecond (a local Metadata) to 30 s (a fetch's long poll is at most 500 ms by default). */
    private static final double[] LATENCY_BOUNDS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10, 30};

    private final Counter requests;
    private final Counter failures;
    private final Histogram latency;
    private final Counter bytesIn;
    private final Counter messagesIn;
    private final Counter bytesOut;
    private final Counter replicationBytesOut;

    RequestMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("kafka_network_requestmetrics_requests")
                .help("Requests answered, by API and, for Produce, acks (Kafka: kafka.network:type=RequestMetrics,name=RequestsPerSec)")
                .labelNames("request", "acks").withoutExemplars().register(registry);
        failures = Counter.builder().name("tributary_network_request_failures")
                .help("Requests whose handler failed, answered UNKNOWN_SERVER_ERROR (one ERROR log line each)")
                .labelNames("request").withoutExemplars().register(registry);
        latency = Histogram.builder().name("kafka_network_requestmetrics_totaltime").unit(Unit.SECONDS)
                .help("Time from a request's arrival to its response, waits in purgatory included "
                        + "(Kafka: kafka.network:type=RequestMetrics,name=TotalTimeMs)")
                .labelNames("request", "acks").classicOnly().classicUpperBounds(LATENCY_BOUNDS_SECONDS).withoutExemplars()
                .register(registry);
        bytesIn = Counter.builder().name("kafka_server_brokertopicmetrics_bytesin")
                .help("Record bytes appended by producers to partitions this broker leads, by topic "
                        + "(Kafka: kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec)")
                .labelNames("topic").withoutExemplars().register(registry);
        messagesIn = Counter.builder().name("kafka_server_brokertopicmetrics_messagesin")
                .help("Records appended by producers to partitions this broker leads, by topic "
                        + "(Kafka: kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec)")
                .labelNames("topic").withoutExemplars().register(registry);
        bytesOut = Counter.builder().name("kafka_server_brokertopicmetrics_bytesout")
                .help("Record bytes sent to consumers in Fetch responses, by topic "
                        + "(Kafka: kafka.server:type=BrokerTopicMetrics,name=BytesOutPerSec)")
                .labelNames("topic").withoutExemplars().register(registry);
        replicationBytesOut = Counter.builder().name("kafka_server_brokertopicmetrics_replicationbytesout")
                .help("Record bytes sent to follower replicas in Fetch responses, by topic "
                        + "(Kafka: kafka.server:type=BrokerTopicMetrics,name=ReplicationBytesOutPerSec)")
                .labelNames("topic").withoutExemplars().register(registry);
    }

    @Override
    public void completed(String api, Object request, Object response, long latencyNs, boolean failed) {
        String acks = request instanceof ProduceRequest p ? acksLabel(p.acks()) : "";
        requests.labelValues(api, acks).inc();
        latency.labelValues(api, acks).observe(latencyNs / 1e9);
        if (failed) {
            failures.labelValues(api).inc();
            return;
        }
        if (request instanceof ProduceRequest p && response instanceof ProduceResponse r) {
            countProduced(p, r);
        } else if (request instanceof FetchRequest f && response instanceof FetchResponse r) {
            countFetched(f.fromFollower() ? replicationBytesOut : bytesOut, r);
        }
    }

    static String acksLabel(short acks) {
        return switch (acks) {
            case -1 -> "all";
            case 0 -> "0";
            case 1 -> "1";
            default -> "invalid";
        };
    }

    /** The handler answers topics and partitions in request order, so the two lists walk together. */
    private void countProduced(ProduceRequest request, ProduceResponse response) {
        List<ProduceRequest.TopicData> topics = request.topics();
        List<ProduceResponse.TopicResponse> answered = response.topics();
        for (int t = 0; t < topics.size() && t < answered.size(); t++) {
            ProduceResponse.TopicResponse tr = answered.get(t);
            if (tr.name() == null) {
                continue;
            }
            List<ProduceRequest.PartitionData> parts = topics.get(t).partitions();
            long bytes = 0;
            long records = 0;
            for (int i = 0; i < parts.size() && i < tr.partitions().size(); i++) {
                ProduceResponse.PartitionResponse pr = tr.partitions().get(i);
                if (pr.error() == ErrorCode.NONE && parts.get(i).records() != null) {
                    bytes += parts.get(i).records().remaining();
                    records += RecordCounts.count(parts.get(i).records());
                }
            }
            if (bytes > 0) {
                bytesIn.labelValues(tr.name()).inc(bytes);
                messagesIn.labelValues(tr.name()).inc(records);
            }
        }
    }

    private static void countFetched(Counter counter, FetchResponse response) {
        for (FetchResponse.TopicResponse t : response.topics()) {
            if (t.name() == null) {
                continue;
            }
            long bytes = 0;
            for (FetchResponse.PartitionResponse p : t.partitions()) {
                bytes += p.records().sizeInBytes();
            }
            if (bytes > 0) {
                counter.labelValues(t.name()).inc(bytes);
            }
        }
    }
}
