package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

/**
 * The bound the fuzz properties hold a decoder to: decoding a hostile frame may build objects several
 * times the frame's size, but nothing near a length claim inside it. Measured on the calling thread.
 */
public final class DecodeAllocation {

    private static final long SLACK_BYTES = 256 * 1024;
    private static final int PER_FRAME_BYTE = 64;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DecodeAllocation() {
    }

    /**
     * Runs {@code decode} and asserts it allocated less than the bound for a {@code frameBytes}-byte
     * frame. The first frame down a path also pays for loading and initialising its classes on this
     * thread, so an allocation over the bound is measured once more: a decoder that believed a length
     * claim allocates it every time, and one-time class loading does not come back.
     */
    public static void assertBounded(int frameBytes, Runnable decode, String what) {
        long boundBytes = SLACK_BYTES + (long) PER_FRAME_BYTE * frameBytes;
        long allocated = measure(decode);
        if (allocated >= boundBytes) {
            allocated = measure(decode);
        }
        assertThat(allocated).as("bytes allocated decoding a %d-byte frame (%s)", frameBytes, what).isLessThan(boundBytes);
    }

    private static long measure(Runnable decode) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        decode.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
