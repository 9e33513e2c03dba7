package io.tributary.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
    private static final ConsumerRecord<byte[], byte[]> RECORD = new ConsumerRecord<>("orders", 2, 41L, 1_700_000_000_000L,
            TimestampType.CREATE_TIME, 1, 5, bytes("k1"), bytes("hello"),
            new RecordHeaders(new RecordHeader[] {new RecordHeader("h", bytes("v")), new RecordHeader("n", (byte[]) null)}),
            Optional.empty());

    @Test
    void printsEachFieldWithLiteralsAndEscapesBetween() {
        assertThat(RecordFormat.parse("%t %p %o %k %v").format(RECORD)).isEqualTo("orders 2 41 k1 hello");
        assertThat(RecordFormat.parse("%T\\t%h|100%%\\n").format(RECORD)).isEqualTo("1700000000000\th:v,n:null|100%\n");
        assertThat(RecordFormat.parse("value only").format(RECORD)).isEqualTo("value only");
    }

    @Test
    void aNullKeyPrintsAsNullAsKafkasConsoleConsumerDoes() {
        ConsumerRecord<byte[], byte[]> keyless = new ConsumerRecord<>("t", 0, 0L, null, bytes("v"));
        assertThat(RecordFormat.parse("%k=%v").format(keyless)).isEqualTo("null=v");
    }

    @Test
    void refusesAnUnknownFieldOrEscapeOrALoneMarker() {
        assertThatThrownBy(() -> RecordFormat.parse("%x")).hasMessageContaining("unknown field '%x'");
        assertThatThrownBy(() -> RecordFormat.parse("\\q")).hasMessageContaining("unknown escape");
        assertThatThrownBy(() -> RecordFormat.parse("%v%")).hasMessageContaining("lone '%'");
    }

    @Test
    void theJsonOfARecordCarriesEveryField() {
        assertThat(io.tributary.cli.Json.write(ConsumeCommand.asJson(RECORD))).isEqualTo(
                "{\"topic\":\"orders\",\"partition\":2,\"offset\":41,\"timestamp\":1700000000000,\"key\":\"k1\",\"value\":\"hello\","
                        + "\"headers\":{\"h\":\"v\",\"n\":null}}");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
