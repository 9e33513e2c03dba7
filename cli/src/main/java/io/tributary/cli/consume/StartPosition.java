package io.tributary.cli.consume;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Where a consumer without a group starts reading: the beginning of each partition, its end, one
 * offset, or the first record at or after a time.
 */
public sealed interface StartPosition {
    record Beginning() implements StartPosition {
    }

    record End() implements StartPosition {
    }

    record Offset(long offset) implements StartPosition {
    }

    record Time(long timestampMs) implements StartPosition {
    }

    /**
     * A time as the user writes it: milliseconds since the epoch, an ISO-8601 instant or date-time
     * with an offset ({@code 2026-12-07T10:00:00Z}), or a local one ({@code 2026-12-07T10:00:00},
     * read in {@code zone}), as {@code kafka-consumer-groups --to-datetime} accepts.
     */
    static long parseTime(String text, ZoneId zone) {
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+")) {
            return Long.parseLong(trimmed);
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(trimmed).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(trimmed).atZone(zone).toInstant().toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("cannot read '" + text + "' as a time: give milliseconds since the epoch "
                            + "or an ISO-8601 date-time such as 2026-12-07T10:00:00Z");
                }
            }
        }
    }
}
