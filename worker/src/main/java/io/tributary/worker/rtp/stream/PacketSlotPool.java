package io.tributary.worker.rtp.stream;

/**
 * Byte arrays of {@link #SLOT_SIZE} for stored packets, recycled between the retransmission
 * buffers of one worker thread: once the pool holds the working set, storing a packet allocates
 * nothing. Idle slots beyond {@code maxIdle} are left to the garbage collector. Not thread safe.
 */
public final class PacketSlotPool {

    /** mediasoup's MTU: larger packets are not stored for retransmission. */
    public static final int SLOT_SIZE = 1500;

    private final byte[][] idle;
    private int idleCount;
    private long created;

    public PacketSlotPool(int maxIdle) {
        this.idle = new byte[Math.max(0, maxIdle)][];
    }

    public byte[] acquire() {
        if (idleCount > 0) {
            byte[] slot = idle[--idleCount];
            idle[idleCount] = null;
            return slot;
        }
        created++;
        return new byte[SLOT_SIZE];
    }

    public void release(byte[] slot) {
        if (idleCount < idle.length) {
            idle[idleCount++] = slot;
        }
    }

    /** Slots waiting to be reused. */
    public int idleCount() {
        return idleCount;
    }

    /** Slots allocated over the pool's life. */
    public long createdCount() {
        return created;
    }
}
