package io.tributary.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code KEY=VALUE} arguments ({@code --config retention.ms=1000}), in the order given. */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, String> parse(String option, List<String> items) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(option + " takes KEY=VALUE, got '" + item + "'");
            }
            parsed.put(item.substring(0, eq).trim(), item.substring(eq + 1));
        }
        return parsed;
    }
}
