package io.tributary.worker.net;

import io.netty.channel.Channel;

/**
 * Queues writes on a channel and flushes once per event-loop turn: the first write schedules the
 * flush, later writes in the same turn ride along (one sendmmsg or one TCP segment burst).
 */
final class BatchedWriter {

    private final Channel channel;
    private final Runnable flushTask = this::flushNow;
    private boolean flushScheduled;

    BatchedWriter(Channel channel) {
        this.channel = channel;
    }

    void write(Object message) {
        channel.write(message, channel.voidPromise());
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flushTask);
        }
    }

    void flushNow() {
        flushScheduled = false;
        channel.flush();
    }
}
