package io.tributary.broker.network;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A range of a segment file sent with {@code sendfile}. It extends {@link DefaultFileRegion} so that
 * the epoll transport recognises it and uses the zero-copy path, but it never closes the channel:
 * the log owns segment files, and closes them only after {@code log.segment.delete.delay.ms}, long
 * enough for a transfer in progress to finish.
 */
final class LogFileRegion extends DefaultFileRegion {

    LogFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    @Override
    protected void deallocate() {
        // Deliberately empty: see the class comment; the FileChannel belongs to the log.
    }
}
