package io.tributary.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a config value is written as text and what Java type it becomes. Parsing follows Kafka's rules. */
public enum ConfigType {
    BOOLEAN {
        @Override
        Object parse(String key, String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return Boolean.TRUE;
            }
            if (t.equals("false")) {
                return Boolean.FALSE;
            }
            throw new ConfigException(key, text, "expected true or false");
        }
    },
    INT {
        @Override
        Object parse(String key, String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, text, "expected a 32-bit integer");
            }
        }
    },
    LONG {
        @Override
        Object parse(String key, String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, text, "expected a 64-bit integer");
            }
        }
    },
    DOUBLE {
        @Override
        Object parse(String key, String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, text, "expected a number");
            }
        }
    },
    STRING {
        @Override
        Object parse(String key, String text) {
            return text.trim();
        }
    },
    /** A comma-separated list; blanks around items are dropped, as Kafka does. */
    LIST {
        @Override
        Object parse(String key, String text) {
            List<String> items = new ArrayList<>();
            for (String part : text.split(",")) {
                String item = part.trim();
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
            return List.copyOf(items);
        }
    };

    abstract Object parse(String key, String text);
}
