package io.tributary.metadata.record;

/**
 * One fact about the cluster, as written to the metadata log. Every node (active controller,
 * standby controllers, brokers, and any node restarting) learns the cluster only by replaying
 * these records in log order, with the same code; nothing else changes metadata state.
 *
 * <p>Each record type has a stable type id and a version, both written by
 * {@link MetadataRecordCodec}. A type id is never reused and a field is never reinterpreted: a
 * new field means a new version, which the codec reads alongside the old ones.
 */
public sealed interface MetadataRecord permits
        ClusterIdRecord,
        RegisterBrokerRecord,
        UnregisterBrokerRecord,
        FenceBrokerRecord,
        UnfenceBrokerRecord,
        BrokerControlledShutdownRecord,
        TopicRecord,
        PartitionRecord,
        PartitionChangeRecord,
        RemoveTopicRecord,
        ConfigRecord,
        ProducerIdsRecord,
        NoOpRecord {

    /** The record's type id on the wire; stable forever. */
    MetadataRecordType type();
}
