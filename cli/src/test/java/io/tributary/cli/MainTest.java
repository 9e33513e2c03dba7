package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line's contract with scripts, without a cluster: a bad command line exits with 2 and
 * says what is wrong and where help is; help exits with 0; an error a command cannot get past (here:
 * no cluster answering within the timeout) exits with 1 in one line naming the cause.
 */
class MainTest {
    @Test
    void anUnknownOptionIsAUsageErrorWithExitStatusTwoAndAPointerToHelp() {
        Run run = run("topics", "create", "t", "--partitons", "3");
        assertThat(run.status).isEqualTo(Main.USAGE);
        assertThat(run.err).contains("tributary: Unknown option", "'--partitons'").contains("see: tributary topics create --help");
    }

    @Test
    void aMissingSubcommandIsAUsageError() {
        assertThat(run("groups").status).isEqualTo(Main.USAGE);
        assertThat(run().status).isEqualTo(Main.USAGE);
    }

    @Test
    void helpExitsWithZeroAndListsEveryCommand() {
        Run run = run("--help");
        assertThat(run.status).isEqualTo(Main.OK);
        assertThat(run.out).contains("topics", "produce", "consume", "groups", "cluster", "elect-leaders", "drill", "Exit status");
    }

    @Test
    void aClusterThatDoesNotAnswerIsOneLineAndExitStatusOne() {
        // Port 1 on the loopback is closed on any sane machine: the client gets "connection refused" until its timeout.
        Run run = run("topics", "list", "--bootstrap-server", "127.0.0.1:1", "--timeout-ms", "1500");
        assertThat(run.status).isEqualTo(Main.FAILED);
        assertThat(run.err.strip().lines()).hasSize(1);
        assertThat(run.err).startsWith("tributary: no answer from the cluster at 127.0.0.1:1");
    }

    @Test
    void drillRefusesIdempotenceWithoutAcksAllAndSaysHowToFailABrokerBeforeTouchingTheCluster() {
        Run idempotent = run("drill", "--acks", "1", "--idempotence");
        assertThat(idempotent.status).isEqualTo(Main.USAGE);
        assertThat(idempotent.err).startsWith("tributary: --idempotence needs --acks all");
        Run nowhere = run("drill", "--dev-data-dir", "/nonexistent", "--bootstrap-server", "127.0.0.1:1");
        assertThat(nowhere.status).isEqualTo(Main.FAILED);
        assertThat(nowhere.err).startsWith("tributary: say how to make a broker fail: --kill-command");
    }

    @Test
    void errorsNameTheInnermostCause() {
        String bootstrap = "h:1";
        assertThat(Errors.oneLine(new ExecutionException(new CliException("topic 'x' does not exist")), bootstrap))
                .isEqualTo("topic 'x' does not exist");
        assertThat(Errors.oneLine(new ExecutionException(new TimeoutException("Timed out\nmore")), bootstrap))
                .isEqualTo("no answer from the cluster at h:1 in time (is it running? Timed out)");
        assertThat(Errors.oneLine(new UnknownTopicOrPartitionException("This server does not host this topic-partition."), bootstrap))
                .isEqualTo("unknown topic or partition: This server does not host this topic-partition.");
        assertThat(Errors.oneLine(new IllegalStateException("boom"), bootstrap)).isEqualTo("IllegalState: boom");
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
