package io.tributary.broker.controller;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.Broker;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-node cluster's metadata directory and a cluster controller's are never taken for each other. */
class MetadataDirCheckTest {

    @TempDir
    Path dir;

    @Test
    void aClusterControllerRefusesAOneNodeClustersMetadata() throws Exception {
        Path logs = dir.resolve("logs");
        Broker.start(BrokerConfig.parse(Map.of("node.id", "1", "listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", logs.toString())))
                .close();
        assertThatThrownBy(() -> MetadataDirCheck.forRaft(logs))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("controller.quorum.voters")
                .hasMessageContaining("one-node cluster");
        assertThatCode(() -> MetadataDirCheck.forLocal(logs)).doesNotThrowAnyException();
    }

    @Test
    void aOneNodeClusterRefusesRaftStorage() throws Exception {
        Files.createDirectories(dir.resolve("__cluster_metadata-0").resolve("4d1a2b3c-0000-0000-0000-000000000000").resolve("current"));
        assertThatThrownBy(() -> MetadataDirCheck.forLocal(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Raft storage");
        assertThatCode(() -> MetadataDirCheck.forRaft(dir)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyDirectorySuitsEither() {
        assertThatCode(() -> MetadataDirCheck.forRaft(dir)).doesNotThrowAnyException();
        assertThatCode(() -> MetadataDirCheck.forLocal(dir)).doesNotThrowAnyException();
    }
}
