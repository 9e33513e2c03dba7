package io.tributary.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class LineParserTest {
    @Test
    void withoutSeparatorsTheLineIsTheValueAndTheKeyIsNull() {
        LineParser.Parsed parsed = new LineParser(null, null, ",", ":", List.of()).parse("a:b\tc", 1);
        assertThat(parsed.key()).isNull();
        assertThat(text(parsed.value())).isEqualTo("a:b\tc");
        assertThat(parsed.headers()).isEmpty();
    }

    @Test
    void splitsTheKeyAtTheFirstSeparator() {
        LineParser.Parsed parsed = new LineParser(":", null, ",", ":", List.of()).parse("user-1:{\"a\":1}", 1);
        assertThat(text(parsed.key())).isEqualTo("user-1");
        assertThat(text(parsed.value())).isEqualTo("{\"a\":1}");
    }

    @Test
    void readsHeadersThenKeyThenValueAndPutsFixedHeadersFirst() {
        LineParser parser = new LineParser("=", "\t", ",", ":", List.of("source:cli"));
        LineParser.Parsed parsed = parser.parse("trace:abc,empty:\tk=v", 3);
        assertThat(parsed.headers()).extracting(Header::key).containsExactly("source", "trace", "empty");
        assertThat(parsed.headers()).extracting(h -> text(h.value())).containsExactly("cli", "abc", "");
        assertThat(text(parsed.key())).isEqualTo("k");
        assertThat(text(parsed.value())).isEqualTo("v");
        assertThat(parser.parse("\tk=v", 4).headers()).as("no headers on this line").hasSize(1);
    }

    @Test
    void aLineWithoutItsSeparatorFailsWithItsNumber() {
        assertThatThrownBy(() -> new LineParser(":", null, ",", ":", List.of()).parse("novalue", 7))
                .hasMessage("line 7 has no key separator ':'");
        assertThatThrownBy(() -> new LineParser(null, "\t", ",", ":", List.of()).parse("x", 8))
                .hasMessage("line 8 has no headers delimiter '\\t'");
        assertThatThrownBy(() -> new LineParser(null, null, ",", ":", List.of("nocolon")))
                .hasMessageContaining("a header is KEY:VALUE");
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
