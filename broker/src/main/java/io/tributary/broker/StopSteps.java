package io.tributary.broker;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of a node's stop in order, each guarded (a failure is logged and the stop goes on,
 * since a half-stopped node is worse than one that skipped a step), and times them, so the node's
 * last line can say where a slow stop spent its time.
 */
final class StopSteps {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    /** One step of a stop; may throw, which is logged. */
    interface Step {
        void run() throws Exception;
    }

    private record Took(String step, long ms) {
    }

    private final List<Took> took = new ArrayList<>();

    /** Runs one step; returns whether it completed (a stop that skipped a step is not a clean one). */
    synchronized boolean run(String name, Step s) {
        long startNs = System.nanoTime();
        try {
            s.run();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            log.warn("Shutdown step '{}' failed; continuing", name, e);
        } finally {
            took.add(new Took(name, (System.nanoTime() - startNs) / 1_000_000));
        }
        return false;
    }

    /** The steps that took at least {@code minMs}, in order: {@code "controlled shutdown 308 ms, close controller 1052 ms"}. */
    synchronized String slowerThan(long minMs) {
        return String.join(", ", took.stream().filter(t -> t.ms() >= minMs).map(t -> t.step() + " " + t.ms() + " ms").toList());
    }
}
