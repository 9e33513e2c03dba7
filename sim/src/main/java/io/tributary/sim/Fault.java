package io.tributary.sim;

/**
 * A fault the simulation injects, or its end.
 *
 * @param target a broker id, the controller's id, or -1 (for a partition: the bridge node, or -1)
 * @param group  for a partition: one side of the split (a bit per node, {@link Network#bit}); for a pause: its length in ms; for ALTER_MIN_ISR: the new value
 */
record Fault(Kind kind, int target, long group) {

    enum Kind {
        /** The node loses power: the unflushed tail of its disk may be lost. */
        CRASH,
        /** The crashed node starts again. */
        RESTART,
        /** The node stops processing (a long GC pause, a stopped VM); its events wait. */
        PAUSE,
        /** The broker shuts down cleanly: controlled shutdown (leaderships move first), a flush, then it stops. */
        SHUTDOWN,
        /** The controller moves every leadership to its preferred replica (ElectLeaders PREFERRED). */
        PREFERRED_ELECTION,
        /** An operator sets the topic's {@code min.insync.replicas} to {@code group} (IncrementalAlterConfigs). */
        ALTER_MIN_ISR,
        /** Every link between {@code group} and the rest of the nodes is cut. */
        PARTITION,
        /** Every link is whole again. */
        HEAL,
        /** The end of the fault period: heal everything, restart and resume every node. */
        HEAL_ALL
    }

    @Override
    public String toString() {
        return "FAULT " + kind + (target >= 0 ? " " + Simulation.nodeName(target) : "")
                + (group != 0 ? " group " + Long.toBinaryString(group) : "");
    }
}
