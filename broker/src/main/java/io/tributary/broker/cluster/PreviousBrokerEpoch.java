package io.tributary.broker.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker epoch a broker held when it last stopped cleanly (KIP-966), kept in the first log
 * directory as {@value #FILE_NAME}: one line, the epoch in decimal. Written at the end of a clean
 * shutdown; read and deleted at the next start (a crash after that start must not offer a stale
 * epoch), and sent with the registration as {@code previousBrokerEpoch} so the controller can end the
 * old session at once instead of answering {@code DUPLICATE_BROKER_REGISTRATION}.
 */
public final class PreviousBrokerEpoch {

    private static final Logger log = LoggerFactory.getLogger(PreviousBrokerEpoch.class);
    public static final String FILE_NAME = "previous-broker-epoch";

    private PreviousBrokerEpoch() {
    }

    /** Reads and removes the file; empty when there is none or it does not parse (logged). */
    public static OptionalLong take(Path logDir) {
        Path file = logDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            Files.delete(file);
            long epoch = Long.parseLong(text);
            if (epoch < 0) {
                throw new NumberFormatException("negative: " + epoch);
            }
            return OptionalLong.of(epoch);
        } catch (IOException | NumberFormatException e) {
            log.warn("Ignoring {}: {}", file, e.toString());
            return OptionalLong.empty();
        }
    }

    /** Writes the file through a temporary file and a rename, so a reader sees a whole epoch or none. */
    public static void write(Path logDir, long epoch) {
        if (epoch < 0) {
            return;
        }
        Path file = logDir.resolve(FILE_NAME);
        Path tmp = logDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(tmp, epoch + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("Cannot save broker epoch {} in {}: the next start may wait for the old session to end", epoch, file, e);
        }
    }
}
