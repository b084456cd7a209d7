package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;

/**
 * Builds transport-wide congestion control feedback from packet arrivals, reusable and without
 * allocation after construction. Arrivals come in increasing transport sequence order; gaps are
 * reported as not received. Deltas are taken between 250 us tick counts of the arrival times so
 * rounding never accumulates. When an arrival cannot be added (out of order, a delta beyond 16
 * bits, or the builder is full) the caller writes what it has and starts a new feedback with it.
 */
public final class TransportCcFeedbackBuilder {

    private static final int FIXED_LENGTH = RtcpHeader.FEEDBACK_HEADER_LENGTH + 8;
    private static final long TICKS_PER_REFERENCE_UNIT = 256;
    private static final int MAX_RUN = 0x1FFF;
    private static final int ONE_BIT_SYMBOLS = 14;
    private static final int TWO_BIT_SYMBOLS = 7;

    private final byte[] statuses;
    private final short[] deltas;
    private int senderSsrc;
    private int mediaSsrc;
    private int feedbackPacketCount;
    private int baseSequenceNumber;
    private long referenceTime;
    private long lastTick;
    private int statusCount;
    private int deltaCount;

    /** A builder for feedback covering up to {@code maxPackets} sequence numbers (at most 65535). */
    public TransportCcFeedbackBuilder(int maxPackets) {
        if (maxPackets < 1 || maxPackets > 0xFFFF) {
            throw new IllegalArgumentException("maxPackets must be in [1, 65535]: " + maxPackets);
        }
        statuses = new byte[maxPackets];
        deltas = new short[maxPackets];
    }

    /** Starts an empty feedback; {@code feedbackPacketCount} is the sender's 8-bit counter. */
    public void reset(int senderSsrc, int mediaSsrc, int feedbackPacketCount) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.feedbackPacketCount = feedbackPacketCount & 0xFF;
        statusCount = 0;
        deltaCount = 0;
    }

    public boolean isEmpty() {
        return statusCount == 0;
    }

    /** Sequence numbers covered so far, received or not. */
    public int packetStatusCount() {
        return statusCount;
    }

    /**
     * Records the arrival of transport sequence number {@code sequenceNumber} at
     * {@code arrivalMicros} (any monotonic clock). False, changing nothing, when it does not fit.
     */
    public boolean addReceived(int sequenceNumber, long arrivalMicros) {
        long tick = Math.floorDiv(arrivalMicros, (long) TransportCcFeedback.DELTA_TICK_MICROS);
        if (statusCount == 0) {
            baseSequenceNumber = sequenceNumber & 0xFFFF;
            referenceTime = Math.floorDiv(tick, TICKS_PER_REFERENCE_UNIT);
            lastTick = referenceTime * TICKS_PER_REFERENCE_UNIT;
            return append(0, tick);
        }
        int gap = (sequenceNumber - baseSequenceNumber - statusCount) & 0xFFFF;
        if (gap >= 0x8000) {
            return false;
        }
        return append(gap, tick);
    }

    /** Bytes {@link #write} will produce, padding included. */
    public int size() {
        int chunkBytes = 0;
        for (int i = 0; i < statusCount; i += covered(i, chunkAt(i))) {
            chunkBytes += 2;
        }
        int deltaBytes = 0;
        for (int i = 0; i < statusCount; i++) {
            // Not received, small and large are 0, 1 and 2: the delta size in bytes.
            deltaBytes += statuses[i];
        }
        return (FIXED_LENGTH + chunkBytes + deltaBytes + 3) & ~3;
    }

    /** Writes the feedback (RTPFB FMT 15, padded with the P bit) and returns its length, or -1. */
    public int write(byte[] dst, int off) {
        int size = size();
        if (statusCount == 0 || !BigEndian.inBounds(dst, off, size)) {
            return -1;
        }
        RtcpHeader.writeFeedback(dst, off, RtcpPacketType.FMT_TRANSPORT_CC, RtcpPacketType.RTPFB, size,
                senderSsrc, mediaSsrc);
        BigEndian.put16(dst, off + 12, baseSequenceNumber);
        BigEndian.put16(dst, off + 14, statusCount);
        BigEndian.put24(dst, off + 16, (int) referenceTime);
        dst[off + 19] = (byte) feedbackPacketCount;
        int p = off + FIXED_LENGTH;
        for (int i = 0; i < statusCount; ) {
            int chunk = chunkAt(i);
            BigEndian.put16(dst, p, chunk);
            p += 2;
            i += covered(i, chunk);
        }
        for (int i = 0; i < deltaCount; i++) {
            short delta = deltas[i];
            if (delta >= 0 && delta <= 0xFF) {
                dst[p++] = (byte) delta;
            } else {
                BigEndian.put16(dst, p, delta);
                p += 2;
            }
        }
        int padding = off + size - p;
        if (padding > 0) {
            for (int i = p; i < off + size - 1; i++) {
                dst[i] = 0;
            }
            dst[off + size - 1] = (byte) padding;
            dst[off] = (byte) (dst[off] | RtcpHeader.PADDING_BIT);
        }
        return size;
    }

    private boolean append(int missing, long tick) {
        long delta = tick - lastTick;
        if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE || statusCount + missing + 1 > statuses.length) {
            return false;
        }
        for (int i = 0; i < missing; i++) {
            statuses[statusCount++] = TransportCcFeedback.STATUS_NOT_RECEIVED;
        }
        statuses[statusCount++] = (byte) (delta >= 0 && delta <= 0xFF
                ? TransportCcFeedback.STATUS_SMALL_DELTA : TransportCcFeedback.STATUS_LARGE_DELTA);
        deltas[deltaCount++] = (short) delta;
        lastTick = tick;
        return true;
    }

    /**
     * The chunk for the statuses from {@code i}: run length for a run of 7 or more (or the rest),
     * else a 1-bit vector of 14 unless a large delta needs the 2-bit vector of 7.
     */
    private int chunkAt(int i) {
        int remaining = statusCount - i;
        int run = runLength(i);
        if (run >= TWO_BIT_SYMBOLS || run == remaining) {
            return (statuses[i] << 13) | run;
        }
        int oneBit = Math.min(ONE_BIT_SYMBOLS, remaining);
        if (!hasLarge(i, oneBit)) {
            int bits = 0;
            for (int k = 0; k < oneBit; k++) {
                bits |= statuses[i + k] << (13 - k);
            }
            return 0x8000 | bits;
        }
        int bits = 0;
        for (int k = 0; k < Math.min(TWO_BIT_SYMBOLS, remaining); k++) {
            bits |= statuses[i + k] << (12 - 2 * k);
        }
        return 0xC000 | bits;
    }

    private int covered(int i, int chunk) {
        return Math.min(TransportCcFeedback.symbolCount(chunk), statusCount - i);
    }

    private boolean hasLarge(int i, int n) {
        for (int k = i; k < i + n; k++) {
            if (statuses[k] == TransportCcFeedback.STATUS_LARGE_DELTA) {
                return true;
            }
        }
        return false;
    }

    private int runLength(int i) {
        int run = 1;
        while (i + run < statusCount && run < MAX_RUN && statuses[i + run] == statuses[i]) {
            run++;
        }
        return run;
    }
}
