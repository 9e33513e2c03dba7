package io.tributary.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws the faults of one schedule, every {@link #TICK_MS} during the fault period, with the
 * rates of its {@link FaultProfile}: crashes (followed by a restart), controlled shutdowns (the
 * broker restarts after it stops), preferred leader elections, changes of {@code min.insync.replicas},
 * pauses, network partitions
 * by sets (isolate a leader, split at random, split with a bridge node; healed after a while),
 * and controller crashes. At the end of the fault period everything heals at once.
 */
final class FaultInjector {

    static final long TICK_MS = 100;

    private final Simulation sim;
    private final RandomGenerator random;
    private final FaultProfile profile;

    FaultInjector(Simulation sim, RandomGenerator random, FaultProfile profile) {
        this.sim = sim;
        this.random = random;
        this.profile = profile;
    }

    private boolean draw(double perSecond) {
        return perSecond > 0 && random.nextDouble() < perSecond * TICK_MS / 1000.0;
    }

    /** One tick: maybe schedule some faults now. */
    void tick(long nowMs) {
        if (draw(profile.crashesPerSecond())) {
            int b = random.nextInt(sim.brokers.length);
            if (sim.brokers[b].up) {
                sim.fault(nowMs, new Fault(Fault.Kind.CRASH, b, 0));
                sim.fault(nowMs + 50 + random.nextInt(1_500), new Fault(Fault.Kind.RESTART, b, 0));
            }
        }
        if (draw(profile.pausesPerSecond())) {
            sim.fault(nowMs, new Fault(Fault.Kind.PAUSE, random.nextInt(sim.brokers.length), 50 + random.nextInt(1_500)));
        }
        if (draw(profile.controllerCrashesPerSecond()) && sim.controller.isUp()) {
            sim.fault(nowMs, new Fault(Fault.Kind.CRASH, Simulation.CONTROLLER, 0));
            sim.fault(nowMs + 50 + random.nextInt(1_000), new Fault(Fault.Kind.RESTART, Simulation.CONTROLLER, 0));
        }
        if (draw(profile.shutdownsPerSecond())) {
            int b = random.nextInt(sim.brokers.length);
            if (sim.brokers[b].up) {
                sim.fault(nowMs, new Fault(Fault.Kind.SHUTDOWN, b, 0));
            }
        }
        if (draw(profile.electionsPerSecond())) {
            sim.fault(nowMs, new Fault(Fault.Kind.PREFERRED_ELECTION, Simulation.CONTROLLER, 0));
        }
        if (draw(profile.minIsrChangesPerSecond())) {
            sim.fault(nowMs, new Fault(Fault.Kind.ALTER_MIN_ISR, Simulation.CONTROLLER, 1 + random.nextInt(sim.config.replicationFactor())));
        }
        if (draw(profile.partitionsPerSecond())) {
            partition(nowMs);
        }
    }

    private void partition(long nowMs) {
        Network net = sim.network;
        long group = 0;
        int bridge = -1;
        switch (random.nextInt(3)) {
            case 0 -> {
                // Isolate the leader of a partition (from everyone, the controller included).
                int leader = sim.leaderHint(random.nextInt(sim.config.partitions()));
                group = net.bit(leader >= 0 ? leader : random.nextInt(sim.brokers.length));
            }
            case 1 -> {
                // A random split; the controller lands on either side.
                List<Integer> nodes = nodes();
                for (int n : nodes) {
                    if (random.nextBoolean()) {
                        group |= net.bit(n);
                    }
                }
            }
            default -> {
                // Two sides and a bridge node that reaches both.
                List<Integer> nodes = nodes();
                bridge = nodes.get(random.nextInt(nodes.size()));
                for (int n : nodes) {
                    if (n != bridge && random.nextBoolean()) {
                        group |= net.bit(n);
                    }
                }
            }
        }
        if (group != 0) {
            sim.fault(nowMs, new Fault(Fault.Kind.PARTITION, bridge, group));
            sim.fault(nowMs + 100 + random.nextInt(2_000), new Fault(Fault.Kind.HEAL, -1, 0));
        }
    }

    private List<Integer> nodes() {
        List<Integer> nodes = new ArrayList<>();
        for (int b = 0; b < sim.brokers.length; b++) {
            nodes.add(b);
        }
        nodes.add(Simulation.CONTROLLER);
        return nodes;
    }
}
