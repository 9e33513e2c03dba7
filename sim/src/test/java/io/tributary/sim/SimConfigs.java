package io.tributary.sim;

/** Reads a schedule from {@code -Dsim.seed} (and the optional knobs the failure report prints). */
final class SimConfigs {

    private SimConfigs() {
    }

    static String property(String key) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() || v.startsWith("${") ? null : v.trim();
    }

    /** The schedule named on the command line, or null when no seed was given. */
    static SimConfig fromSystemProperties() {
        String seed = property("sim.seed");
        if (seed == null) {
            return null;
        }
        SimConfig base = SimConfig.fromSeed(Long.parseLong(seed));
        String rf = property("sim.rf");
        String minIsr = property("sim.minIsr");
        String acks = property("sim.acks");
        String mutation = property("sim.mutation");
        return withOverrides(SimConfig.of(base.seed(),
                rf == null ? base.replicationFactor() : Integer.parseInt(rf),
                minIsr == null ? base.minInsyncReplicas() : Integer.parseInt(minIsr),
                acks == null ? base.acksMix() : AcksMix.valueOf(acks),
                mutation == null ? null : Mutation.valueOf(mutation)));
    }

    /** Applies {@code -Dsim.faultPeriodMs} (longer fault periods for hunting), if given. */
    static SimConfig withOverrides(SimConfig config) {
        String period = property("sim.faultPeriodMs");
        return period == null ? config : config.withFaultPeriodMs(Long.parseLong(period));
    }
}
