package io.tributary.quorum;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three quorum members in three JVMs; the leader dies by SIGKILL. */
class QuorumProcessTest {

    private static final int RUNS = 3;
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();

    @TempDir
    Path root;

    private final List<Child> children = new ArrayList<>();

    /** A child JVM running {@link QuorumNodeMain}; its stdout lines are kept for the test to wait on. */
    private final class Child {
        final int id;
        final Path dataDir;
        final Process process;
        final Writer stdin;
        final List<String> lines = new ArrayList<>();
        final int port;

        Child(int id, int port) throws IOException {
            this.id = id;
            this.dataDir = root.resolve("node-" + id);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), QuorumNodeMain.class.getName(),
                    Integer.toString(id), dataDir.toString(), Integer.toString(port));
            pb.redirectError(root.resolve("node-" + id + "-" + System.nanoTime() + ".err").toFile());
            this.process = pb.start();
            this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // The child died; what it said is kept.
                }
            }, "child-" + id + "-stdout");
            reader.setDaemon(true);
            reader.start();
            this.port = Integer.parseInt(awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(60)).substring(5));
        }

        Optional<String> findLine(Predicate<String> p) {
            synchronized (lines) {
                return lines.stream().filter(p).findFirst();
            }
        }

        String awaitLine(Predicate<String> p, Duration atMost) {
            return await().atMost(atMost).pollInterval(Duration.ofMillis(5)).until(() -> findLine(p), Optional::isPresent).get();
        }

        synchronized void send(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        /** Sends a request and returns its reply line ("R id ..."), or empty if none came in time. */
        Optional<String> request(String command, String args, Duration atMost) throws IOException {
            String id = Integer.toString(REQUEST_IDS.incrementAndGet());
            send(command + " " + id + (args.isEmpty() ? "" : " " + args));
            String prefix = "R " + id + " ";
            try {
                return Optional.of(awaitLine(l -> l.startsWith(prefix), atMost).substring(prefix.length()));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                return Optional.empty();
            }
        }

        String state() throws IOException {
            return request("STATE", "", Duration.ofSeconds(10)).orElseThrow();
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Child c : children) {
            c.process.destroyForcibly();
        }
        for (Child c : children) {
            c.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void startAll(String voters, List<Child> which) throws IOException {
        for (Child c : which) {
            c.send("START " + voters);
        }
        for (Child c : which) {
            c.awaitLine(l -> l.startsWith("STARTED "), Duration.ofSeconds(60));
        }
    }

    /** Appends on whichever live child leads; returns the one that committed it. */
    private Child appendSomewhere(List<Child> live, String payload, Duration atMost) {
        int[] target = {0};
        Child[] winner = new Child[1];
        await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            Child c = live.get(target[0] % live.size());
            Optional<String> reply = c.request("APPEND", payload, Duration.ofSeconds(3));
            if (reply.isPresent() && reply.get().startsWith("OK ")) {
                winner[0] = c;
                return true;
            }
            int hint = reply.filter(r -> r.startsWith("NOTLEADER ")).map(r -> Integer.parseInt(r.substring(10))).orElse(-1);
            Optional<Child> hinted = live.stream().filter(x -> x.id == hint).findFirst();
            target[0] = hinted.map(live::indexOf).orElse(target[0] + 1);
            return false;
        });
        return winner[0];
    }

    @Test
    void sigkillTheLeaderANewOneTakesOverAndTheRestartedVoterCatchesUp() throws Exception {
        List<CompletableFuture<Child>> starting = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            int nodeId = id;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new Child(nodeId, 0);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (CompletableFuture<Child> f : starting) {
            children.add(f.get(90, TimeUnit.SECONDS));
        }
        StringBuilder voters = new StringBuilder();
        for (Child c : children) {
            voters.append(voters.length() == 0 ? "" : ",").append(c.id).append("@127.0.0.1:").append(c.port);
        }
        startAll(voters.toString(), children);

        List<String> expected = new ArrayList<>();
        Child leader = appendSomewhere(children, "first", Duration.ofSeconds(30));
        expected.add("first");
        List<Long> takeoverMs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            List<Child> survivors = new ArrayList<>(children);
            survivors.remove(leader);

            long t0 = System.nanoTime();
            leader.process.destroyForcibly(); // SIGKILL
            Child next = appendSomewhere(survivors, "after-kill-" + run, Duration.ofSeconds(10));
            takeoverMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            expected.add("after-kill-" + run);
            assertThat(next).isNotSameAs(leader);
            assertThat(leader.process.waitFor(10, TimeUnit.SECONDS)).isTrue();

            // The dead voter comes back on its port with its storage: no wiped-disk wait, and it catches up.
            Child back = new Child(leader.id, leader.port);
            children.set(children.indexOf(leader), back);
            startAll(voters.toString(), List.of(back));
            assertThat(back.findLine(l -> l.startsWith("STARTED ")).orElseThrow()).isEqualTo("STARTED 0");
            String want = expected.size() + " " + String.join(",", expected);
            for (Child c : children) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> c.state().equals("STATE " + want));
            }
            leader = next;
        }
        Appender.report("SIGKILL of the leader process (3 JVMs)", takeoverMs);
        assertThat(takeoverMs).allMatch(ms -> ms < 10_000);
        for (Child c : children) {
            c.send("EXIT");
        }
        for (Child c : children) {
            assertThat(c.process.waitFor(30, TimeUnit.SECONDS)).as("node %d exits cleanly", c.id).isTrue();
        }
    }
}
