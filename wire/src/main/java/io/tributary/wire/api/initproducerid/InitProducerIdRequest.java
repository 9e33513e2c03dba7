package io.tributary.wire.api.initproducerid;

/**
 * An InitProducerId request: an idempotent producer (null {@code transactionalId}) asking for a
 * producer id, or a transactional one initialising or bumping its epoch.
 *
 * @param transactionTimeoutMs -1 for idempotent producers
 * @param producerId           v3+: the current id when bumping an epoch (KIP-360), -1 otherwise
 * @param producerEpoch        v3+: the current epoch, -1 otherwise
 * @param enable2Pc            v6+ (KIP-939), false before
 * @param keepPreparedTxn      v6+ (KIP-939), false before
 */
public record InitProducerIdRequest(
        String transactionalId,
        int transactionTimeoutMs,
        long producerId,
        short producerEpoch,
        boolean enable2Pc,
        boolean keepPreparedTxn) {
}
