package io.tributary.worker.net;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Queues writes on a channel so that everything one received packet causes (a fan-out to N
 * consumers) leaves in one batch: one sendmmsg on epoll, one segment burst on TCP.
 *
 * <p>The batch ends when the received packet has been handled ({@link #flushPending}, called by the
 * endpoints after each datagram or frame), not at the end of the event-loop turn: a turn reads up to
 * 16 datagrams, and holding each packet's fan-out until the whole burst was processed added the
 * rest of the burst's processing to its delay (a 10-packet video frame to 50 consumers is about
 * 2 ms of user-space work before the first datagram left). Writes made outside a receive (timers,
 * RTCP reports) still leave at the end of the turn. Loop-confined, like the channels.
 */
final class BatchedWriter {

    private static final ThreadLocal<Pending> PENDING = ThreadLocal.withInitial(Pending::new);

    private final Channel channel;
    private boolean queued;

    BatchedWriter(Channel channel) {
        this.channel = channel;
    }

    void write(Object message) {
        if (!channel.eventLoop().inEventLoop()) {
            // Off-loop callers get no batching; the channel hops onto its loop by itself.
            channel.writeAndFlush(message, channel.voidPromise());
            return;
        }
        channel.write(message, channel.voidPromise());
        if (!queued) {
            queued = true;
            PENDING.get().add(this);
        }
    }

    void flushNow() {
        queued = false;
        channel.flush();
    }

    /** Sends what the calling loop thread has queued, on every channel. */
    static void flushPending() {
        PENDING.get().flushAll();
    }

    /** The writers with queued writes on one loop thread, and the end-of-turn task that flushes them. */
    private static final class Pending {
        private final List<BatchedWriter> writers = new ArrayList<>();
        private final Runnable endOfTurn = this::onEndOfTurn;
        private boolean taskQueued;

        void add(BatchedWriter writer) {
            writers.add(writer);
            if (!taskQueued) {
                taskQueued = true;
                writer.channel.eventLoop().execute(endOfTurn);
            }
        }

        private void onEndOfTurn() {
            taskQueued = false;
            flushAll();
        }

        void flushAll() {
            for (int i = 0; i < writers.size(); i++) {
                BatchedWriter writer = writers.get(i);
                // A writer flushed directly (TransportTuple#flush) since it was queued has nothing left.
                if (writer.queued) {
                    writer.flushNow();
                }
            }
            writers.clear();
        }
    }
}
