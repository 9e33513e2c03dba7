package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes, and config errors that name the key. */
class MainTest {

    @TempDir
    Path dir;

    private record Run(int code, String err, String out) {
    }

    private static Run run(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void aBadValueStopsStartupNamingTheKey() throws Exception {
        Path f = dir.resolve("server.properties");
        Files.writeString(f, "node.id=1\nlog.dirs=" + dir.resolve("logs") + "\nlog.retention.hours=forever\n");
        Run r = run("server", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("log.retention.hours").contains("forever");
    }

    @Test
    void aBadOverrideNamesTheKeyToo() throws Exception {
        Path f = dir.resolve("server.properties");
        Files.writeString(f, "node.id=1\nlog.dirs=" + dir.resolve("logs") + "\n");
        Run r = run("server", f.toString(), "--override", "listeners=PLAINTEXT://localhost");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("listeners");
    }

    @Test
    void missingFileAndUnknownCommands() {
        assertThat(run("server", dir.resolve("nope.properties").toString()).code()).isEqualTo(1);
        assertThat(run("server").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run("dev", "--nodes", "10").code()).as("more nodes than a dev cluster takes").isEqualTo(2);
        assertThat(run("dev", "--nodes", "0").code()).isEqualTo(2);
        Run v = run("version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("tributary ");
        assertThat(run("help").out()).contains("server FILE").contains("dev");
        Run devHelp = run("dev", "--help");
        assertThat(devHelp.code()).as("dev --help is help, not an error").isZero();
        assertThat(devHelp.out()).contains("Usage: tributary dev", "--restart-crashed", "PORT+100+i-1");
        assertThat(devHelp.err()).isEmpty();
    }

    @Test
    void aLogDirOfAnotherNodeIsRefusedNamingNodeId() throws Exception {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("meta.properties"), "version=1\nnode.id=7\ncluster.id=abc\n");
        Path f = dir.resolve("server.properties");
        Files.writeString(f, "node.id=1\nlog.dirs=" + logs + "\nlisteners=PLAINTEXT://127.0.0.1:0\n");
        Run r = run("server", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("node.id").contains("belongs to node 7");
    }
}
