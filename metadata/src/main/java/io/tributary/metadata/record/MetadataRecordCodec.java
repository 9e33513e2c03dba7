package io.tributary.metadata.record;

import io.tributary.common.TopicId;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The stable binary form of one {@link MetadataRecord}. Byte layout (all integers big-endian):
 *
 * <pre>
 * record   := type:u8  version:u8  fields
 * bool     := u8 (0 or 1; anything else is refused)
 * int32    := 4 bytes, int64 := 8 bytes
 * string   := length:int32 (-1 means null) then that many UTF-8 bytes (at most 1 MiB)
 * uuid     := most significant int64, least significant int64   (topic ids and incarnation ids)
 * int32[]  := count:int32 then count x int32
 *
 * fields by type id (version 0 of each, then what later versions add):
 *  1 ClusterId          clusterId:string
 *  2 RegisterBroker     brokerId:int32 brokerEpoch:int64 incarnationId:uuid
 *                       endpointCount:int32 { listenerName:string host:string port:int32 securityProtocol:string }
 *                       rack:string(nullable) fenced:bool
 *  3 UnregisterBroker   brokerId:int32 brokerEpoch:int64
 *  4 FenceBroker        brokerId:int32 brokerEpoch:int64
 *  5 UnfenceBroker      brokerId:int32 brokerEpoch:int64
 *  6 BrokerControlledShutdown brokerId:int32 brokerEpoch:int64
 *  7 Topic              name:string topicId:uuid
 *  8 Partition          topicId:uuid partition:int32 replicas:int32[] isr:int32[]
 *                       leader:int32 leaderEpoch:int32 partitionEpoch:int32
 *                       v1 adds: elr:int32[] lastKnownElr:int32[]
 *                       v2 adds: addingReplicas:int32[] removingReplicas:int32[]
 *  9 PartitionChange    topicId:uuid partition:int32 present:u8 (bit 0 = isr, bit 1 = leader; other bits 0)
 *                       [isr:int32[]] [leader:int32] leaderEpoch:int32 partitionEpoch:int32
 *                       v1: present bit 2 = elr, bit 3 = lastKnownElr, then [elr:int32[]] [lastKnownElr:int32[]]
 *                       v2: present bit 4 = replicas, bit 5 = addingReplicas, bit 6 = removingReplicas,
 *                           then [replicas:int32[]] [addingReplicas:int32[]] [removingReplicas:int32[]]
 * 10 RemoveTopic        topicId:uuid
 * 11 Config             resourceType:u8 (Kafka's code: 2 topic, 4 broker) resourceName:string key:string value:string(nullable)
 * 12 ProducerIds        brokerId:int32 brokerEpoch:int64 nextProducerId:int64
 * 13 NoOp               (no fields)
 * </pre>
 *
 * <p>A decoder reads every version from 0 up to the type's current version and refuses newer ones,
 * so that a node never silently misreads a record written by newer code. Decoding consumes exactly
 * the given bytes; anything wrong throws {@link MetadataCodecException} and nothing else.
 */
public final class MetadataRecordCodec {

    private static final int PRESENT_ISR = 1;
    private static final int PRESENT_LEADER = 2;
    private static final int PRESENT_ELR = 4;
    private static final int PRESENT_LAST_KNOWN_ELR = 8;
    private static final int PRESENT_REPLICAS = 16;
    private static final int PRESENT_ADDING = 32;
    private static final int PRESENT_REMOVING = 64;

    private MetadataRecordCodec() {
    }

    /** Encodes one record into a new buffer positioned at 0. */
    public static ByteBuffer encode(MetadataRecord record) {
        ByteSink out = new ByteSink(64);
        write(record, out);
        return out.toBuffer();
    }

    static void write(MetadataRecord record, ByteSink out) {
        MetadataRecordType type = record.type();
        out.u8(type.id()).u8(type.currentVersion());
        if (record instanceof ClusterIdRecord r) {
            out.string(r.clusterId());
        } else if (record instanceof RegisterBrokerRecord r) {
            out.i32(r.brokerId()).i64(r.brokerEpoch()).uuid(r.incarnationId());
            out.i32(r.endpoints().size());
            for (BrokerEndpoint e : r.endpoints()) {
                out.string(e.listenerName()).string(e.host()).i32(e.port()).string(e.securityProtocol());
            }
            out.string(r.rack()).bool(r.fenced());
        } else if (record instanceof UnregisterBrokerRecord r) {
            out.i32(r.brokerId()).i64(r.brokerEpoch());
        } else if (record instanceof FenceBrokerRecord r) {
            out.i32(r.brokerId()).i64(r.brokerEpoch());
        } else if (record instanceof UnfenceBrokerRecord r) {
            out.i32(r.brokerId()).i64(r.brokerEpoch());
        } else if (record instanceof BrokerControlledShutdownRecord r) {
            out.i32(r.brokerId()).i64(r.brokerEpoch());
        } else if (record instanceof TopicRecord r) {
            out.string(r.name());
            topicId(out, r.topicId());
        } else if (record instanceof PartitionRecord r) {
            topicId(out, r.topicId());
            out.i32(r.partition()).i32List(r.replicas()).i32List(r.isr())
                    .i32(r.leader()).i32(r.leaderEpoch()).i32(r.partitionEpoch())
                    .i32List(r.elr()).i32List(r.lastKnownElr())
                    .i32List(r.addingReplicas()).i32List(r.removingReplicas());
        } else if (record instanceof PartitionChangeRecord r) {
            topicId(out, r.topicId());
            out.i32(r.partition());
            int present = (r.isr().isPresent() ? PRESENT_ISR : 0) | (r.leader().isPresent() ? PRESENT_LEADER : 0)
                    | (r.elr().isPresent() ? PRESENT_ELR : 0) | (r.lastKnownElr().isPresent() ? PRESENT_LAST_KNOWN_ELR : 0)
                    | (r.replicas().isPresent() ? PRESENT_REPLICAS : 0) | (r.addingReplicas().isPresent() ? PRESENT_ADDING : 0)
                    | (r.removingReplicas().isPresent() ? PRESENT_REMOVING : 0);
            out.u8(present);
            r.isr().ifPresent(out::i32List);
            if (r.leader().isPresent()) {
                out.i32(r.leader().getAsInt());
            }
            out.i32(r.leaderEpoch()).i32(r.partitionEpoch());
            r.elr().ifPresent(out::i32List);
            r.lastKnownElr().ifPresent(out::i32List);
            r.replicas().ifPresent(out::i32List);
            r.addingReplicas().ifPresent(out::i32List);
            r.removingReplicas().ifPresent(out::i32List);
        } else if (record instanceof RemoveTopicRecord r) {
            topicId(out, r.topicId());
        } else if (record instanceof ConfigRecord r) {
            out.u8(r.resourceType().code()).string(r.resourceName()).string(r.key()).string(r.value());
        } else if (record instanceof ProducerIdsRecord r) {
            out.i32(r.brokerId()).i64(r.brokerEpoch()).i64(r.nextProducerId());
        } else if (record instanceof NoOpRecord) {
            // No fields: the type byte says everything.
        } else {
            throw new IllegalStateException("no encoding for record type " + record.getClass().getName());
        }
    }

    private static void topicId(ByteSink out, TopicId id) {
        out.i64(id.mostSignificantBits()).i64(id.leastSignificantBits());
    }

    /** Decodes exactly one record from all the remaining bytes of {@code bytes} (its position is not moved). */
    public static MetadataRecord decode(ByteBuffer bytes) {
        ByteSource in = new ByteSource(bytes);
        MetadataRecord record = read(in);
        in.expectEnd("the record");
        return record;
    }

    static MetadataRecord read(ByteSource in) {
        int typeId = in.u8("record type");
        MetadataRecordType type = MetadataRecordType.forId(typeId);
        if (type == null) {
            throw in.error("unknown metadata record type " + typeId);
        }
        int version = in.u8("record version");
        in.context(type + " v" + version);
        if (version > type.currentVersion()) {
            throw in.error("record version " + version + " is newer than the highest we read, " + type.currentVersion());
        }
        try {
            return readFields(type, version, in);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The bytes parsed but describe an impossible record (a negative broker id, say).
            throw new MetadataCodecException("invalid " + type + " record: " + e.getMessage(), e);
        }
    }

    private static MetadataRecord readFields(MetadataRecordType type, int version, ByteSource in) {
        switch (type) {
            case CLUSTER_ID:
                return new ClusterIdRecord(in.nonNullString("clusterId"));
            case REGISTER_BROKER: {
                int brokerId = in.i32("brokerId");
                long epoch = in.i64("brokerEpoch");
                var incarnation = in.uuid("incarnationId");
                // Each endpoint takes at least 3 string lengths and a port: 16 bytes.
                int n = in.count("endpoints", 16, RegisterBrokerRecord.MAX_ENDPOINTS);
                List<BrokerEndpoint> endpoints = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    endpoints.add(new BrokerEndpoint(in.nonNullString("listenerName"), in.nonNullString("host"),
                            in.i32("port"), in.nonNullString("securityProtocol")));
                }
                String rack = in.string("rack");
                boolean fenced = in.bool("fenced");
                return new RegisterBrokerRecord(brokerId, epoch, incarnation, endpoints, rack, fenced);
            }
            case UNREGISTER_BROKER:
                return new UnregisterBrokerRecord(in.i32("brokerId"), in.i64("brokerEpoch"));
            case FENCE_BROKER:
                return new FenceBrokerRecord(in.i32("brokerId"), in.i64("brokerEpoch"));
            case UNFENCE_BROKER:
                return new UnfenceBrokerRecord(in.i32("brokerId"), in.i64("brokerEpoch"));
            case BROKER_CONTROLLED_SHUTDOWN:
                return new BrokerControlledShutdownRecord(in.i32("brokerId"), in.i64("brokerEpoch"));
            case TOPIC: {
                String name = in.nonNullString("name");
                return new TopicRecord(name, topicId(in));
            }
            case PARTITION: {
                TopicId topicId = topicId(in);
                int partition = in.i32("partition");
                List<Integer> replicas = in.i32List("replicas", Replicas.MAX_REPLICAS);
                List<Integer> isr = in.i32List("isr", Replicas.MAX_REPLICAS);
                int leader = in.i32("leader");
                int leaderEpoch = in.i32("leaderEpoch");
                int partitionEpoch = in.i32("partitionEpoch");
                List<Integer> elr = version >= 1 ? in.i32List("elr", Replicas.MAX_REPLICAS) : List.of();
                List<Integer> lastKnownElr = version >= 1 ? in.i32List("lastKnownElr", Replicas.MAX_REPLICAS) : List.of();
                List<Integer> adding = version >= 2 ? in.i32List("addingReplicas", Replicas.MAX_REPLICAS) : List.of();
                List<Integer> removing = version >= 2 ? in.i32List("removingReplicas", Replicas.MAX_REPLICAS) : List.of();
                return new PartitionRecord(topicId, partition, replicas, isr, leader, leaderEpoch, partitionEpoch, elr, lastKnownElr,
                        adding, removing);
            }
            case PARTITION_CHANGE: {
                TopicId topicId = topicId(in);
                int partition = in.i32("partition");
                int present = in.u8("present");
                int known = PRESENT_ISR | PRESENT_LEADER;
                if (version >= 1) {
                    known |= PRESENT_ELR | PRESENT_LAST_KNOWN_ELR;
                }
                if (version >= 2) {
                    known |= PRESENT_REPLICAS | PRESENT_ADDING | PRESENT_REMOVING;
                }
                if ((present & ~known) != 0) {
                    throw in.error("unknown presence bits " + present);
                }
                Optional<List<Integer>> isr = (present & PRESENT_ISR) != 0
                        ? Optional.of(in.i32List("isr", Replicas.MAX_REPLICAS)) : Optional.empty();
                OptionalInt leader = (present & PRESENT_LEADER) != 0 ? OptionalInt.of(in.i32("leader")) : OptionalInt.empty();
                int leaderEpoch = in.i32("leaderEpoch");
                int partitionEpoch = in.i32("partitionEpoch");
                Optional<List<Integer>> elr = (present & PRESENT_ELR) != 0
                        ? Optional.of(in.i32List("elr", Replicas.MAX_REPLICAS)) : Optional.empty();
                Optional<List<Integer>> lastKnownElr = (present & PRESENT_LAST_KNOWN_ELR) != 0
                        ? Optional.of(in.i32List("lastKnownElr", Replicas.MAX_REPLICAS)) : Optional.empty();
                Optional<List<Integer>> replicas = (present & PRESENT_REPLICAS) != 0
                        ? Optional.of(in.i32List("replicas", Replicas.MAX_REPLICAS)) : Optional.empty();
                Optional<List<Integer>> adding = (present & PRESENT_ADDING) != 0
                        ? Optional.of(in.i32List("addingReplicas", Replicas.MAX_REPLICAS)) : Optional.empty();
                Optional<List<Integer>> removing = (present & PRESENT_REMOVING) != 0
                        ? Optional.of(in.i32List("removingReplicas", Replicas.MAX_REPLICAS)) : Optional.empty();
                return new PartitionChangeRecord(topicId, partition, isr, leader, leaderEpoch, partitionEpoch, elr, lastKnownElr,
                        replicas, adding, removing);
            }
            case REMOVE_TOPIC:
                return new RemoveTopicRecord(topicId(in));
            case CONFIG: {
                int code = in.u8("resourceType");
                ConfigResourceType resourceType = ConfigResourceType.forCode((byte) code);
                if (resourceType == null) {
                    throw in.error("unknown config resource type " + code);
                }
                return new ConfigRecord(resourceType, in.nonNullString("resourceName"), in.nonNullString("key"), in.string("value"));
            }
            case PRODUCER_IDS:
                return new ProducerIdsRecord(in.i32("brokerId"), in.i64("brokerEpoch"), in.i64("nextProducerId"));
            case NO_OP:
                return new NoOpRecord();
            default:
                throw new IllegalStateException("no decoding for record type " + type);
        }
    }

    private static TopicId topicId(ByteSource in) {
        return new TopicId(in.i64("topicId"), in.i64("topicId"));
    }
}
