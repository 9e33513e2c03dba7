package io.tributary.e2e.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external programs the client tests drive (kcat, node). A missing one skips the test
 * with a message saying how to install it, except when {@link E2eSettings#toolsRequired()} (CI): then
 * it fails the test, so that a broken install can never pass as a skip.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** The executable's path on {@code PATH}, if any. */
    public static Optional<Path> find(String executable) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The executable's path; skips (or, in CI, fails) the test when it is not on {@code PATH}. */
    public static Path require(String executable, String installHint) {
        Optional<Path> found = find(executable);
        requireThat(found.isPresent(), "'" + executable + "' is not on PATH; " + installHint);
        return found.orElseThrow();
    }

    /** Skips (or, in CI, fails) the test unless {@code present}. */
    public static void requireThat(boolean present, String message) {
        requireThat(present, message, E2eSettings.toolsRequired());
    }

    static void requireThat(boolean present, String message, boolean toolsRequired) {
        if (present) {
            return;
        }
        if (toolsRequired) {
            Assertions.fail(message + " (TRIBUTARY_E2E_REQUIRE_TOOLS=1, so this is a failure, not a skip)");
        }
        Assumptions.abort(message + " (skipped; CI installs it and fails instead)");
    }
}
