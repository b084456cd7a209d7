package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtp.RtpPacket;
import io.tributary.worker.rtp.SerialNumbers;

/**
 * Copies of recently sent packets of one stream, kept for answering NACKs. The buffer is a ring
 * indexed by unwrapped sequence number spanning at most {@code maxItems} numbers (missing ones
 * leave blank slots) and at most {@code maxDelayMs} of RTP time between its oldest and newest
 * packets. Packet bytes live in {@link PacketSlotPool} slots; the bookkeeping is in arrays sized
 * once, so storing allocates nothing once the pool is warm.
 *
 * <p>Packets must keep increasing timestamps with increasing sequence numbers; one that does not
 * fit (a reordered packet with a newer timestamp than its successors) is not stored, and a packet
 * with an older sequence number but a newer timestamp than the newest one means the sender
 * restarted: the buffer is emptied. Lookups return a handle (a slot index) valid until the next
 * insert or clear.
 */
public final class RtpRetransmissionBuffer {

    public static final int DEFAULT_MAX_ITEMS = 2500;
    public static final int MAX_DELAY_VIDEO_MS = 2000;
    public static final int MAX_DELAY_AUDIO_MS = 1000;

    private final int capacity;
    private final int maxDelayMs;
    private final int clockRate;
    private final PacketSlotPool pool;
    private final byte[][] data;
    private final int[] lengths;
    private final long[] timestamps;
    private final long[] resentAtMs;
    private final int[] sentTimes;
    private boolean empty = true;
    private long oldest;
    private long newest;

    public RtpRetransmissionBuffer(int maxItems, int maxDelayMs, int clockRate, PacketSlotPool pool) {
        if (maxItems <= 0 || clockRate <= 0) {
            throw new IllegalArgumentException("maxItems and clockRate must be positive");
        }
        this.capacity = maxItems;
        this.maxDelayMs = maxDelayMs;
        this.clockRate = clockRate;
        this.pool = pool;
        this.data = new byte[maxItems][];
        this.lengths = new int[maxItems];
        this.timestamps = new long[maxItems];
        this.resentAtMs = new long[maxItems];
        this.sentTimes = new int[maxItems];
    }

    /** Stores a copy of the packet; false when it is too big, a duplicate, or does not fit in time. */
    public boolean insert(RtpPacket packet) {
        if (packet.length() > PacketSlotPool.SLOT_SIZE) {
            return false;
        }
        int seq = packet.sequenceNumber();
        long ts = packet.timestamp();
        if (empty) {
            return storeAlone(seq, packet);
        }
        long ext = newest + SerialNumbers.seqDiff(seq, (int) (newest & 0xFFFF));
        long newestTs = timestamps[slot(newest)];
        boolean newerTs = SerialNumbers.isNewerTimestamp(ts, newestTs);
        if (ext < newest && newerTs) {
            clear();
            return storeAlone(seq, packet);
        }
        if (clearTooOld(newerTs ? ts : newestTs) && empty) {
            return storeAlone(seq, packet);
        }
        newestTs = timestamps[slot(newest)];
        long size = newest - oldest + 1;
        if (ext > newest) {
            if (SerialNumbers.isNewerTimestamp(newestTs, ts)) {
                return false;
            }
            long excess = size + (ext - newest) - capacity;
            if (excess > size - 1) {
                clear();
                return storeAlone(seq, packet);
            }
            if (excess > 0) {
                removeOldest(size - excess);
            }
            newest = ext;
            store(ext, packet);
            return true;
        }
        if (ext < oldest) {
            if (isTooOld(ts, newestTs) || SerialNumbers.isNewerTimestamp(ts, timestamps[slot(oldest)])
                    || size + (oldest - ext) > capacity) {
                return false;
            }
            oldest = ext;
            store(ext, packet);
            return true;
        }
        if (data[slot(ext)] != null || !fitsBetweenNeighbours(ext, ts)) {
            return false;
        }
        store(ext, packet);
        return true;
    }

    /** Handle of the stored packet with this sequence number, or -1. */
    public int find(int seq) {
        if (empty) {
            return -1;
        }
        long ext = newest + SerialNumbers.seqDiff(seq, (int) (newest & 0xFFFF));
        if (ext < oldest || ext > newest) {
            return -1;
        }
        int i = slot(ext);
        return data[i] != null ? i : -1;
    }

    /** The stored bytes of a handle, from offset 0. */
    public byte[] data(int handle) {
        return data[handle];
    }

    public int length(int handle) {
        return lengths[handle];
    }

    public long timestamp(int handle) {
        return timestamps[handle];
    }

    /** Times this packet was resent. */
    public int sentTimes(int handle) {
        return sentTimes[handle];
    }

    /** When this packet was last resent; meaningful once {@link #sentTimes} is above 0. */
    public long resentAtMs(int handle) {
        return resentAtMs[handle];
    }

    /** Records a resend and returns how many times the packet has now been resent. */
    public int markResent(int handle, long nowMs) {
        resentAtMs[handle] = nowMs;
        return ++sentTimes[handle];
    }

    /** Sequence number of the oldest stored packet, or -1 when empty. */
    public int oldestSequenceNumber() {
        return empty ? -1 : (int) (oldest & 0xFFFF);
    }

    /** Sequence numbers spanned, blanks included. */
    public int size() {
        return empty ? 0 : (int) (newest - oldest + 1);
    }

    public boolean isEmpty() {
        return empty;
    }

    public void clear() {
        if (empty) {
            return;
        }
        for (long ext = oldest; ext <= newest; ext++) {
            release(slot(ext));
        }
        empty = true;
    }

    private boolean storeAlone(int seq, RtpPacket packet) {
        empty = false;
        oldest = seq;
        newest = seq;
        store(seq, packet);
        return true;
    }

    private void store(long ext, RtpPacket packet) {
        int i = slot(ext);
        byte[] slot = pool.acquire();
        lengths[i] = packet.copyTo(slot, 0);
        data[i] = slot;
        timestamps[i] = packet.timestamp();
        resentAtMs[i] = 0;
        sentTimes[i] = 0;
    }

    /** The nearest stored packets on each side must not be newer before it or older after it. */
    private boolean fitsBetweenNeighbours(long ext, long ts) {
        for (long e = ext - 1; e >= oldest; e--) {
            int i = slot(e);
            if (data[i] != null) {
                if (SerialNumbers.isNewerTimestamp(timestamps[i], ts)) {
                    return false;
                }
                break;
            }
        }
        for (long e = ext + 1; e <= newest; e++) {
            int i = slot(e);
            if (data[i] != null) {
                return !SerialNumbers.isNewerTimestamp(ts, timestamps[i]);
            }
        }
        return true;
    }

    /** Removes from the front while the oldest packet is too old; true when anything went. */
    private boolean clearTooOld(long newestTs) {
        boolean removed = false;
        while (!empty && isTooOld(timestamps[slot(oldest)], newestTs)) {
            removeOldestOne();
            removed = true;
        }
        return removed;
    }

    private boolean isTooOld(long ts, long newestTs) {
        if (SerialNumbers.isNewerTimestamp(ts, newestTs)) {
            return false;
        }
        long diff = (newestTs - ts) & 0xFFFF_FFFFL;
        return diff * 1000 / clockRate > maxDelayMs;
    }

    /** Removes oldest packets until the span is at most {@code span}. */
    private void removeOldest(long span) {
        while (!empty && newest - oldest + 1 > span) {
            removeOldestOne();
        }
    }

    /** Removes the oldest packet and the blank slots after it. */
    private void removeOldestOne() {
        release(slot(oldest));
        oldest++;
        while (oldest <= newest && data[slot(oldest)] == null) {
            oldest++;
        }
        if (oldest > newest) {
            empty = true;
        }
    }

    private void release(int i) {
        byte[] slot = data[i];
        if (slot != null) {
            pool.release(slot);
            data[i] = null;
        }
    }

    private int slot(long ext) {
        return (int) Math.floorMod(ext, (long) capacity);
    }
}
