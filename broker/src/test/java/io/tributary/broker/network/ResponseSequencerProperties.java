package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.wire.ResponseFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ResponseSequencerProperties {

    private static Outcome tagged(int i) {
        return new Outcome.Send(ResponseFrame.of(ByteBuffer.allocate(4).putInt(0, i)));
    }

    private static int tag(Outcome o) {
        return ((io.tributary.common.records.RecordsSlice.Buffer) ((Outcome.Send) o).frame().chunks().get(0)).bytes().getInt(0);
    }

    /** Whatever order requests finish in, outcomes come out in request order, each exactly once. */
    @Property(tries = 200)
    void outcomesLeaveInRequestOrder(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 1000) Integer> keys) {
        ResponseSequencer s = new ResponseSequencer(keys.size());
        List<ResponseSequencer.Slot> slots = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            slots.add(s.open());
        }
        // Finish in the order given by sorting indexes by their random key.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(keys.get(a), keys.get(b)));
        List<Integer> out = new ArrayList<>();
        for (int i : order) {
            s.complete(slots.get(i), tagged(i));
            Outcome o;
            while ((o = s.pollReady()) != null) {
                out.add(tag(o));
            }
            // Nothing ready may be held back: the head is always still open after draining.
            assertThat(s.inFlight() == 0 || !slotsHeadDone(slots, out.size())).isTrue();
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            expected.add(i);
        }
        assertThat(out).isEqualTo(expected);
        assertThat(s.inFlight()).isZero();
    }

    private static boolean slotsHeadDone(List<ResponseSequencer.Slot> slots, int drained) {
        return drained < slots.size() && slots.get(drained).done();
    }

    @Test
    void refusesToOverfillOrCompleteTwice() {
        ResponseSequencer s = new ResponseSequencer(1);
        ResponseSequencer.Slot a = s.open();
        assertThat(s.full()).isTrue();
        assertThatThrownBy(s::open).isInstanceOf(IllegalStateException.class);
        s.complete(a, Outcome.NO_RESPONSE);
        assertThatThrownBy(() -> s.complete(a, Outcome.NO_RESPONSE)).isInstanceOf(IllegalStateException.class);
    }
}
