package io.tributary.wire;

/**
 * The header every request starts with. Only the fields the broker acts on are kept; tagged fields
 * of flexible headers are read and dropped by {@link RequestReader}.
 *
 * <p>Byte layout (v1, and v2 which appends tagged fields):
 * <pre>
 *   int16   apiKey
 *   int16   apiVersion
 *   int32   correlationId
 *   string  clientId      int16 length, -1 for null, then UTF-8 bytes
 *   (v2)    tagged fields unsigned varint count, then (tag, size, bytes) triples
 * </pre>
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {
}
