package io.tributary.e2e.harness;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every node process still alive when the test JVM exits, so that an aborted run (a test that
 * forgot to close its nodes, a Ctrl-C, a Surefire timeout) does not leave brokers behind holding
 * ports and disk.
 */
public final class ProcessReaper {
    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ProcessHandle::destroyForcibly),
                "tributary-e2e-reaper"));
    }

    private ProcessReaper() {
    }

    /** Kills {@code process} when the test JVM exits, unless it has exited by then. */
    public static void track(Process process) {
        track(process.toHandle());
    }

    /** Kills {@code process} (one the test did not start itself: a child of a launcher) when the test JVM exits. */
    public static void track(ProcessHandle process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }
}
