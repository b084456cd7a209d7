package io.tributary.worker.transport.pipe;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of an in-process pipe: a bounded single-producer single-consumer ring from the
 * sending worker's loop to the receiving one. Each packet is copied into a buffer that the receiver
 * hands back through a second ring once delivered, so buffers are recycled and only a backlog deeper
 * than any before allocates (memory follows the worst backlog, not the capacity); a full ring drops
 * the packet and counts it. The receiving loop is woken once per batch: the first packet after a
 * drain schedules one task, which delivers everything queued by the time it runs.
 */
final class PacketHandOff {

    /** Gets each packet on the receiving loop; the bytes are the receiver's (to modify) only during the call. */
    @FunctionalInterface
    interface Receiver {
        void receive(byte[] buf, int off, int len, boolean rtcp, long nowMs);
    }

    /** About 200 ms of a 20k packets/s hand-off, for a receiving loop descheduled on a busy machine. */
    static final int DEFAULT_CAPACITY = 4096;
    /** A packet within the usual MTU fits; a larger one gets a larger buffer, once. */
    private static final int BUFFER_SIZE = 1500;

    private final byte[][] slots;
    private final int[] lengths;
    private final boolean[] rtcp;
    private final int mask;
    /** Next slot to read; advanced by the receiving loop only. */
    private final AtomicLong head = new AtomicLong();
    /** Next slot to write; advanced by the sending loop only. */
    private final AtomicLong tail = new AtomicLong();
    /** Delivered buffers on their way back to the sender: written by the receiving loop, read by the sending one. */
    private final byte[][] free;
    private final AtomicLong freeHead = new AtomicLong();
    private final AtomicLong freeTail = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Executor receiverLoop;
    private final Receiver receiver;
    private final Runnable drain = this::drain;
    private volatile boolean closed;
    /** Sending loop only. */
    private long dropped;
    /** Receiving loop only. */
    private long drains;

    PacketHandOff(int capacity, Executor receiverLoop, Receiver receiver) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.slots = new byte[capacity][];
        this.free = new byte[capacity][];
        this.lengths = new int[capacity];
        this.rtcp = new boolean[capacity];
        this.mask = capacity - 1;
        this.receiverLoop = receiverLoop;
        this.receiver = receiver;
    }

    /** On the sending loop: queues a copy of the packet; false (and counted) when full or closed. */
    boolean offer(byte[] buf, int off, int len, boolean isRtcp) {
        if (closed) {
            dropped++;
            return false;
        }
        long t = tail.get();
        if (t - head.get() > mask) {
            dropped++;
            return false;
        }
        int i = (int) t & mask;
        byte[] slot = recycled();
        if (slot == null || slot.length < len) {
            slot = new byte[Math.max(BUFFER_SIZE, len)];
        }
        slots[i] = slot;
        System.arraycopy(buf, off, slot, 0, len);
        lengths[i] = len;
        rtcp[i] = isRtcp;
        // Volatile write then volatile read, against the drain's clear-then-read: one side always sees the other.
        tail.set(t + 1);
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                receiverLoop.execute(drain);
            } catch (RejectedExecutionException e) {
                closed = true;
            }
        }
        return true;
    }

    /** A delivered buffer back from the receiver, or null when none is waiting. */
    private byte[] recycled() {
        long h = freeHead.get();
        if (h == freeTail.get()) {
            return null;
        }
        int i = (int) h & mask;
        byte[] buffer = free[i];
        free[i] = null;
        freeHead.lazySet(h + 1);
        return buffer;
    }

    /** On the receiving loop: delivers what was queued when it started; later packets schedule another drain. */
    private void drain() {
        drainScheduled.set(false);
        long h = head.get();
        long t = tail.get();
        if (h == t) {
            return;
        }
        drains++;
        long now = System.currentTimeMillis();
        for (; h < t; h++) {
            int i = (int) h & mask;
            if (!closed) {
                deliver(i, now);
            }
            recycle(slots[i]);
            slots[i] = null;
            head.lazySet(h + 1);
        }
    }

    private void deliver(int slot, long now) {
        try {
            receiver.receive(slots[slot], 0, lengths[slot], rtcp[slot], now);
        } catch (RuntimeException e) {
            // The receiving transport counts what it drops; a fault in one packet never stops the batch.
        }
    }

    /** Never full: every buffer is either queued, being delivered or free, and at most capacity are queued. */
    private void recycle(byte[] buffer) {
        long t = freeTail.get();
        free[(int) t & mask] = buffer;
        freeTail.lazySet(t + 1);
    }

    /** Either side: later packets are dropped, queued ones discarded. */
    void close() {
        closed = true;
    }

    long dropped() {
        return dropped;
    }

    /** Packets waiting for the receiving loop. */
    int queued() {
        return (int) (tail.get() - head.get());
    }

    /** Tasks that delivered at least one packet: far fewer than packets when the hand-off batches. */
    long drains() {
        return drains;
    }
}
