package io.tributary.quorum;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StoredVotersTest {

    @TempDir
    Path root;

    private static java.util.List<String> warnings(ListAppender<ILoggingEvent> logs) {
        synchronized (logs.list) {
            return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void aChangedVoterListIsReportedBecauseRatisKeepsTheStoredOne() throws Exception {
        Path dir = root.resolve("node-1");
        // Addresses only: nothing connects to them in a one-voter quorum.
        int portA;
        int portB;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            portA = a.getLocalPort();
            portB = b.getLocalPort();
        }
        QuorumConfig first = QuorumConfig.builder().nodeId(1).voters("1@127.0.0.1:" + portA).dataDir(dir).build();
        try (RaftQuorum q = RaftQuorum.start(first, new RecordingListener())) {
            assertThat(q.startDelayMs()).isEqualTo(first.wipedStorageWaitMs());
            // Leading means the first configuration entry is in the log: the voters are stored.
            await().atMost(Duration.ofSeconds(15)).until(q::isLeader);
        }

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(QuorumStateMachine.class);
        logs.start();
        logger.addAppender(logs);
        try {
            QuorumConfig moved = QuorumConfig.builder().nodeId(1).voters("1@127.0.0.1:" + portB).dataDir(dir).build();
            try (RaftQuorum q = RaftQuorum.start(moved, new RecordingListener())) {
                assertThat(q.startDelayMs()).isZero();
                // Reported when the log's configuration entries are applied, once the node leads.
                await().atMost(Duration.ofSeconds(15)).until(() -> q.isLeader() && !warnings(logs).isEmpty());
            }
            assertThat(warnings(logs)).singleElement().asString()
                    .contains("controller.quorum.voters is [1@127.0.0.1:" + portB + "]")
                    .contains("the voters are [1@127.0.0.1:" + portA + "]");
            // The unchanged list raises nothing.
            logs.list.clear();
            try (RaftQuorum q = RaftQuorum.start(first, new RecordingListener())) {
                assertThat(q.startDelayMs()).isZero();
                await().atMost(Duration.ofSeconds(15)).until(q::isLeader);
            }
            assertThat(warnings(logs)).isEmpty();
        } finally {
            logger.detachAppender(logs);
        }
    }
}
