package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesMapsInTheirOrderListsAndScalars() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", List.of(true, 2.5, "x"));
        value.put("n", null);
        value.put("o", Optional.of(7L));
        value.put("e", Optional.empty());
        assertThat(Json.write(value)).isEqualTo("{\"b\":1,\"a\":[true,2.5,\"x\"],\"n\":null,\"o\":7,\"e\":null}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    }

    @Test
    void writesNoNaNBecauseJsonHasNone() {
        assertThat(Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, 1.0))).isEqualTo("[null,null,1.0]");
    }
}
