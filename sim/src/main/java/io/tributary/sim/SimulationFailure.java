package io.tributary.sim;

import java.util.List;

/**
 * A schedule broke an invariant (or a core refused a transition). The message says everything
 * needed to understand and replay it: the seed and parameters, the invariant, the state of every
 * node, the last events in order, and one command that replays exactly this schedule.
 */
final class SimulationFailure extends RuntimeException {

    final SimConfig config;

    SimulationFailure(SimConfig config, Throwable cause, List<Event> lastEvents, long nowMs, String state) {
        super(render(config, cause, lastEvents, nowMs, state), cause);
        this.config = config;
    }

    String invariant() {
        return getCause() instanceof InvariantViolation v ? v.invariant : getCause().getClass().getSimpleName();
    }

    private static String render(SimConfig config, Throwable cause, List<Event> lastEvents, long nowMs, String state) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n==== simulation failure at ").append(nowMs).append(" ms, seed ").append(config.seed()).append(" ====\n");
        sb.append(cause instanceof InvariantViolation ? "invariant broken: " : "a core or the glue threw: ").append(cause).append('\n');
        sb.append("config: ").append(config).append('\n');
        sb.append("---- state ----\n").append(state);
        sb.append("---- last ").append(lastEvents.size()).append(" events ----\n");
        for (Event e : lastEvents) {
            sb.append(e).append('\n');
        }
        sb.append("---- replay ----\n").append(config.replayCommand()).append('\n');
        return sb.toString();
    }
}
