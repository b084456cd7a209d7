package io.tributary.worker.rtcp;

import io.tributary.worker.rtp.BigEndian;
import java.util.function.IntConsumer;

/**
 * A reusable view of a generic NACK (RFC 4585 section 6.2.1): items of a packet id (PID) and a
 * 16-bit bitmask (BLP) of the following lost packets.
 */
public final class NackPacket {

    private static final int ITEM_LENGTH = 4;

    private byte[] buf;
    private int off;
    private int itemCount;

    /** Views the NACK at {@code buf[off]} with {@code len} bytes available; false when malformed. */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = null;
        int content = RtcpHeader.feedbackContent(buf, off, len, RtcpPacketType.RTPFB, RtcpPacketType.FMT_NACK);
        if (content < 0) {
            return false;
        }
        int items = (content - RtcpHeader.FEEDBACK_HEADER_LENGTH) / ITEM_LENGTH;
        if (items == 0) {
            return false;
        }
        this.buf = buf;
        this.off = off;
        this.itemCount = items;
        return true;
    }

    public int senderSsrc() {
        return BigEndian.i32(buf, off + 4);
    }

    public int mediaSsrc() {
        return BigEndian.i32(buf, off + 8);
    }

    public int itemCount() {
        return itemCount;
    }

    /** PID of item {@code index}. */
    public int packetId(int index) {
        return BigEndian.u16(buf, itemOffset(index));
    }

    /** BLP of item {@code index}: bit i set means PID + i + 1 is lost too. */
    public int lostBitmask(int index) {
        return BigEndian.u16(buf, itemOffset(index) + 2);
    }

    /** Number of sequence numbers reported lost. */
    public int lostCount() {
        int n = 0;
        for (int i = 0; i < itemCount; i++) {
            n += 1 + Integer.bitCount(lostBitmask(i));
        }
        return n;
    }

    /** Feeds every lost sequence number, in packet order, to the consumer. */
    public void forEachLost(IntConsumer consumer) {
        for (int i = 0; i < itemCount; i++) {
            int pid = packetId(i);
            int blp = lostBitmask(i);
            consumer.accept(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    consumer.accept((pid + bit + 1) & 0xFFFF);
                }
            }
        }
    }

    /**
     * Items needed for {@code seqs[from, from + count)}, which should be in ascending serial order
     * (duplicates are fine; out of order input still gives a valid, longer NACK).
     */
    public static int itemCount(int[] seqs, int from, int count) {
        int items = 0;
        int i = from;
        int end = from + count;
        while (i < end) {
            i = itemEnd(seqs, i, end);
            items++;
        }
        return items;
    }

    /** Bytes a NACK for these sequence numbers takes. */
    public static int size(int[] seqs, int from, int count) {
        return RtcpHeader.FEEDBACK_HEADER_LENGTH + itemCount(seqs, from, count) * ITEM_LENGTH;
    }

    /** Writes a NACK for the given lost sequence numbers; returns its length, or -1. */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc, int[] seqs, int from, int count) {
        if (seqs == null || from < 0 || count < 1 || count > seqs.length - from) {
            return -1;
        }
        int size = size(seqs, from, count);
        if (!BigEndian.inBounds(dst, off, size)) {
            return -1;
        }
        RtcpHeader.writeFeedback(dst, off, RtcpPacketType.FMT_NACK, RtcpPacketType.RTPFB, size, senderSsrc, mediaSsrc);
        int p = off + RtcpHeader.FEEDBACK_HEADER_LENGTH;
        int i = from;
        int end = from + count;
        while (i < end) {
            int pid = seqs[i] & 0xFFFF;
            int next = itemEnd(seqs, i, end);
            int blp = 0;
            for (int j = i + 1; j < next; j++) {
                int d = (seqs[j] - pid) & 0xFFFF;
                if (d != 0) {
                    blp |= 1 << (d - 1);
                }
            }
            BigEndian.put16(dst, p, pid);
            BigEndian.put16(dst, p + 2, blp);
            p += ITEM_LENGTH;
            i = next;
        }
        return size;
    }

    /** Index after the run of sequence numbers that one item starting at {@code i} can carry. */
    private static int itemEnd(int[] seqs, int i, int end) {
        int pid = seqs[i] & 0xFFFF;
        int j = i + 1;
        while (j < end) {
            int d = (seqs[j] - pid) & 0xFFFF;
            if (d > 16) {
                break;
            }
            j++;
        }
        return j;
    }

    private int itemOffset(int index) {
        return off + RtcpHeader.FEEDBACK_HEADER_LENGTH + index * ITEM_LENGTH;
    }
}
