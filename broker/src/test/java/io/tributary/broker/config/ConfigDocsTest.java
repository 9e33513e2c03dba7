package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md equal to what the schema says; rewrite it with -Dtributary.writeDocs=true. */
class ConfigDocsTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void configurationDocMatchesTheSchema() throws IOException {
        String expected = ConfigDocs.render();
        if (Boolean.getBoolean("tributary.writeDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as("docs/configuration.md exists").isTrue();
        String actual = Files.readString(DOC, StandardCharsets.UTF_8);
        assertThat(actual)
                .as("docs/configuration.md is stale: regenerate with -Dtributary.writeDocs=true (see the comment at its top)")
                .isEqualTo(expected);
    }
}
