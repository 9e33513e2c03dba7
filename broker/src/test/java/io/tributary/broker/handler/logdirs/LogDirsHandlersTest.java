package io.tributary.broker.handler.logdirs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsRequest;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsResponse;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsRequest;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeLogDirs and AlterReplicaLogDirs over a broker with two log directories. */
class LogDirsHandlersTest {

    @TempDir
    Path root;

    private HostedReplicas hosted(Path a, Path b) throws IOException {
        Files.createDirectories(a);
        Files.createDirectories(b);
        return new HostedReplicas() {
            @Override
            public List<Path> logDirs() {
                return List.of(a, b);
            }

            @Override
            public Collection<Replica> replicas() {
                return List.of(
                        new Replica(new TopicPartition("orders", 1), a, 2048, 10, 10),
                        new Replica(new TopicPartition("orders", 0), a, 1024, 12, 7),
                        new Replica(new TopicPartition("payments", 0), b, 512, 3, 5));
            }
        };
    }

    @Test
    void describeListsEveryDirectoryWithItsReplicasSizesAndLag() throws IOException {
        Path a = root.resolve("a").toAbsolutePath();
        Path b = root.resolve("b").toAbsolutePath();
        DescribeLogDirsResponse r = new DescribeLogDirsHandler(hosted(a, b), Runnable::run).describe(new DescribeLogDirsRequest(null));
        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.logDirs()).allSatisfy(d -> {
            assertThat(d.error()).isEqualTo(ErrorCode.NONE);
            assertThat(d.totalBytes()).isPositive();
            assertThat(d.usableBytes()).isBetween(0L, d.totalBytes());
        });
        assertThat(r.logDirs()).extracting(DescribeLogDirsResponse.LogDir::path).containsExactly(a.toString(), b.toString());
        DescribeLogDirsResponse.LogDir first = r.logDirs().get(0);
        assertThat(first.topics()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("orders");
            assertThat(t.partitions()).containsExactly(
                    new DescribeLogDirsResponse.Partition(0, 1024, 5, false),
                    new DescribeLogDirsResponse.Partition(1, 2048, 0, false));
        });
        assertThat(r.logDirs().get(1).topics().get(0).partitions()).as("a log end past the high watermark is no lag")
                .containsExactly(new DescribeLogDirsResponse.Partition(0, 512, 0, false));
    }

    @Test
    void aDirectoryThatCannotBeReadIsReportedWithAStorageError() {
        Path gone = root.resolve("gone").toAbsolutePath();
        HostedReplicas missing = new HostedReplicas() {
            @Override
            public List<Path> logDirs() {
                return List.of(gone);
            }

            @Override
            public Collection<Replica> replicas() {
                return List.of(new Replica(new TopicPartition("orders", 0), gone, 1, 0, 0));
            }
        };
        DescribeLogDirsResponse r = new DescribeLogDirsHandler(missing, Runnable::run).describe(new DescribeLogDirsRequest(null));
        assertThat(r.logDirs()).singleElement().satisfies(d -> {
            assertThat(d.error()).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR);
            assertThat(d.topics()).isEmpty();
        });
    }

    @Test
    void describeOfSomePartitionsStillListsEveryDirectory() throws IOException {
        Path a = root.resolve("a").toAbsolutePath();
        Path b = root.resolve("b").toAbsolutePath();
        DescribeLogDirsResponse r = new DescribeLogDirsHandler(hosted(a, b), Runnable::run).describe(new DescribeLogDirsRequest(
                List.of(new DescribeLogDirsRequest.Topic("payments", List.of(0)))));
        assertThat(r.logDirs()).hasSize(2);
        assertThat(r.logDirs().get(0).topics()).isEmpty();
        assertThat(r.logDirs().get(1).topics()).extracting(DescribeLogDirsResponse.Topic::name).containsExactly("payments");
    }

    @Test
    void alterAnswersEachReplicaAsKafkaDoesAndRefusesAMoveBetweenDirectories() throws IOException {
        Path a = root.resolve("a").toAbsolutePath();
        Path b = root.resolve("b").toAbsolutePath();
        AlterReplicaLogDirsHandler handler = new AlterReplicaLogDirsHandler(hosted(a, b));
        AlterReplicaLogDirsResponse r = handler.alter(new AlterReplicaLogDirsRequest(List.of(
                new AlterReplicaLogDirsRequest.Dir(a.toString(), List.of(new AlterReplicaLogDirsRequest.Topic("orders", List.of(0, 9)))),
                new AlterReplicaLogDirsRequest.Dir(a.resolve("x/..").toString(),
                        List.of(new AlterReplicaLogDirsRequest.Topic("payments", List.of(0)))),
                new AlterReplicaLogDirsRequest.Dir("/not/configured", List.of(new AlterReplicaLogDirsRequest.Topic("audit", List.of(0)))),
                new AlterReplicaLogDirsRequest.Dir("relative/a", List.of(new AlterReplicaLogDirsRequest.Topic("rel", List.of(0)))))));
        assertThat(r.results()).containsExactly(
                new AlterReplicaLogDirsResponse.Topic("orders", List.of(
                        new AlterReplicaLogDirsResponse.Partition(0, ErrorCode.NONE),
                        new AlterReplicaLogDirsResponse.Partition(9, ErrorCode.REPLICA_NOT_AVAILABLE))),
                new AlterReplicaLogDirsResponse.Topic("payments", List.of(
                        new AlterReplicaLogDirsResponse.Partition(0, ErrorCode.INVALID_REQUEST))),
                new AlterReplicaLogDirsResponse.Topic("audit", List.of(
                        new AlterReplicaLogDirsResponse.Partition(0, ErrorCode.LOG_DIR_NOT_FOUND))),
                new AlterReplicaLogDirsResponse.Topic("rel", List.of(
                        new AlterReplicaLogDirsResponse.Partition(0, ErrorCode.LOG_DIR_NOT_FOUND))));
    }
}
