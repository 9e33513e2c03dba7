package io.tributary.metadata.record;

import io.tributary.common.TopicId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** Generators of valid metadata records of every type, for round-trip and fuzz properties. */
public final class RecordArbitraries {

    private RecordArbitraries() {
    }

    public static Arbitrary<MetadataRecord> anyRecord() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(ClusterIdRecord.MAX_LENGTH)
                        .filter(s -> !s.isBlank()).map(ClusterIdRecord::new),
                registerBroker(),
                Combinators.combine(brokerId(), epoch()).as(UnregisterBrokerRecord::new),
                Combinators.combine(brokerId(), epoch()).as(FenceBrokerRecord::new),
                Combinators.combine(brokerId(), epoch()).as(UnfenceBrokerRecord::new),
                Combinators.combine(brokerId(), epoch()).as(BrokerControlledShutdownRecord::new),
                Combinators.combine(Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1).ofMaxLength(249),
                        topicId()).as(TopicRecord::new),
                partition(),
                partitionChange(),
                topicId().map(RemoveTopicRecord::new),
                config(),
                Combinators.combine(Arbitraries.integers().between(-1, 1000), Arbitraries.longs().between(-1, Long.MAX_VALUE),
                        Arbitraries.longs().between(0, Long.MAX_VALUE)).as(ProducerIdsRecord::new),
                Arbitraries.just(new NoOpRecord())));
    }

    static Arbitrary<Integer> brokerId() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    static Arbitrary<Long> epoch() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    static Arbitrary<TopicId> topicId() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(TopicId::new).filter(id -> !id.isZero());
    }

    static Arbitrary<RegisterBrokerRecord> registerBroker() {
        Arbitrary<BrokerEndpoint> endpoint = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.integers().between(0, 65535),
                Arbitraries.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT")).as(BrokerEndpoint::new);
        Arbitrary<List<BrokerEndpoint>> endpoints = endpoint.list().ofMaxSize(3)
                .uniqueElements(BrokerEndpoint::listenerName);
        return Combinators.combine(brokerId(), epoch(), Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new),
                endpoints, Arbitraries.strings().ofMaxLength(10).injectNull(0.3), Arbitraries.of(true, false))
                .as(RegisterBrokerRecord::new);
    }

    static Arbitrary<PartitionRecord> partition() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(6).uniqueElements()
                .flatMap(replicas -> Arbitraries.integers().between(1, replicas.size()).flatMap(isrSize -> {
                    List<Integer> isr = new ArrayList<>(replicas.subList(replicas.size() - isrSize, replicas.size()));
                    Arbitrary<Integer> leader = Arbitraries.oneOf(List.of(Arbitraries.of(isr), Arbitraries.just(Replicas.NO_LEADER)));
                    return Combinators.combine(topicId(), Arbitraries.integers().between(0, 100_000), leader,
                            Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                            .as((id, p, l, le, pe) -> new PartitionRecord(id, p, replicas, isr, l, le, pe));
                }));
    }

    static Arbitrary<PartitionChangeRecord> partitionChange() {
        Arbitrary<Optional<List<Integer>>> isr = Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(5)
                .uniqueElements().optional();
        Arbitrary<OptionalInt> leader = Arbitraries.integers().between(-1, 1000).optional()
                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
        return Combinators.combine(topicId(), Arbitraries.integers().between(0, 100_000), isr, leader,
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .filter((id, p, i, l, le, pe) -> i.isPresent() || l.isPresent())
                .as(PartitionChangeRecord::new);
    }

    static Arbitrary<ConfigRecord> config() {
        return Arbitraries.of(ConfigResourceType.values()).flatMap(type -> Combinators.combine(
                type == ConfigResourceType.TOPIC ? Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
                        : Arbitraries.of("", "0", "1", "17"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(60).injectNull(0.3))
                .as((name, key, value) -> new ConfigRecord(type, name, key, value)));
    }
}
