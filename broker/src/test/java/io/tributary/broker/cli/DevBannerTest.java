package io.tributary.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The banner's drill line works as printed: it names dev's bootstrap servers and data directory unless they are the defaults. */
class DevBannerTest {
    @Test
    void theDrillLineIsBareForTheDefaultsAndNamesAnythingElse() {
        Path defaultDir = Path.of(DevOptions.DEFAULT_DATA_DIR).toAbsolutePath().normalize();
        DevOptions defaults = new DevOptions(3, DevOptions.DEFAULT_PORT, defaultDir, false);
        assertThat(DevBanner.drill(defaults, DevBanner.bootstrap(9092, 3))).isEqualTo("./tributary drill");

        DevOptions other = new DevOptions(3, 19092, Path.of("/tmp/dev-x"), false);
        assertThat(DevBanner.drill(other, DevBanner.bootstrap(19092, 3)))
                .isEqualTo("./tributary drill -b localhost:19092,localhost:19093,localhost:19094 --dev-data-dir /tmp/dev-x");
        assertThat(DevBanner.cluster(other, "1@localhost:19192", false)).contains("in another terminal")
                .contains("  ./tributary drill -b localhost:19092,");
    }
}
