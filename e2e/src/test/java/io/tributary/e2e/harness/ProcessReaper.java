package io.tributary.e2e.harness;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every node process still alive when the test JVM exits, so that an aborted run (a test that
 * forgot to close its nodes, a Ctrl-C, a Surefire timeout) does not leave brokers behind holding
 * ports and disk.
 */
public final class ProcessReaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "tributary-e2e-reaper"));
    }

    private ProcessReaper() {
    }

    /** Kills {@code process} when the test JVM exits, unless it has exited by then. */
    public static void track(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }
}
