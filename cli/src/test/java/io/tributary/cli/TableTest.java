package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void padsEachColumnToItsWidestCellWithTwoSpacesBetween() {
        Table table = new Table("TOPIC", "P", "LAG").line("Group: g").row("orders", 0, 12).row("o", 10, null).footer("done");
        assertThat(print(table)).isEqualTo("""
                Group: g
                TOPIC   P   LAG
                orders  0   12
                o       10  -
                done
                """);
    }

    @Test
    void printsItsEmptyMessageInsteadOfAHeaderWhenItHasNoRows() {
        assertThat(print(new Table("A", "B").whenEmpty("nothing here"))).isEqualTo("nothing here\n");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("A", "B").row(1)).isInstanceOf(IllegalArgumentException.class);
    }

    static String print(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
