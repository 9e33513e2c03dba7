package io.tributary.cli.consume;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record printed by a format string, in the manner of kcat's {@code -f}:
 * {@code %t} topic, {@code %p} partition, {@code %o} offset, {@code %k} key, {@code %v} value,
 * {@code %h} headers ({@code k1:v1,k2:v2}), {@code %T} timestamp (ms since the epoch), {@code %%} a
 * percent sign; {@code \n}, {@code \t} and {@code \\} are escapes. A null key or value prints as
 * {@code null}, as Kafka's console consumer prints it. The string is parsed once, into parts.
 */
public final class RecordFormat {
    private final List<Function<ConsumerRecord<byte[], byte[]>, String>> parts;

    private RecordFormat(List<Function<ConsumerRecord<byte[], byte[]>, String>> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Parses {@code format}; an unknown {@code %x} or a dangling escape fails with what it found. */
    public static RecordFormat parse(String format) {
        List<Function<ConsumerRecord<byte[], byte[]>, String>> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' && c != '\\') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                throw new IllegalArgumentException("the format ends in a lone '" + c + "'");
            }
            char next = format.charAt(++i);
            if (c == '\\') {
                literal.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '\\' -> '\\';
                    default -> throw new IllegalArgumentException("unknown escape '\\" + next + "' in the format");
                });
                continue;
            }
            if (next == '%') {
                literal.append('%');
                continue;
            }
            Function<ConsumerRecord<byte[], byte[]>, String> field = switch (next) {
                case 't' -> ConsumerRecord::topic;
                case 'p' -> r -> Integer.toString(r.partition());
                case 'o' -> r -> Long.toString(r.offset());
                case 'k' -> r -> text(r.key());
                case 'v' -> r -> text(r.value());
                case 'h' -> RecordFormat::headers;
                case 'T' -> r -> Long.toString(r.timestamp());
                default -> throw new IllegalArgumentException("unknown field '%" + next + "' in the format (known: %t %p %o %k %v %h %T %%)");
            };
            if (!literal.isEmpty()) {
                String text = literal.toString();
                parts.add(r -> text);
                literal.setLength(0);
            }
            parts.add(field);
        }
        if (!literal.isEmpty()) {
            String text = literal.toString();
            parts.add(r -> text);
        }
        return new RecordFormat(parts);
    }

    public String format(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder out = new StringBuilder();
        parts.forEach(part -> out.append(part.apply(record)));
        return out.toString();
    }

    static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String headers(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder out = new StringBuilder();
        for (Header header : record.headers()) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(header.key()).append(':').append(text(header.value()));
        }
        return out.toString();
    }
}
