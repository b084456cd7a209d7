package io.tributary.worker.sctp;

/**
 * The peer's TSNs as we received them (RFC 9260 §6.2): the cumulative TSN, which TSNs above it arrived
 * (a bit ring covering {@link #WINDOW} TSNs), and duplicates to report in the next SACK.
 */
final class ReceivedTsns {

    /** TSNs further than this above the cumulative one are refused: no sane peer has that many in flight. */
    static final int WINDOW = 1 << 16;
    private static final int MAX_DUPLICATES = 32;
    private static final int MAX_GAP_BLOCKS = 64;

    enum Arrival { NEW, DUPLICATE, OUT_OF_WINDOW }

    private final long[] bits = new long[WINDOW / 64];
    private final int[] duplicates = new int[MAX_DUPLICATES];
    private int duplicateCount;
    private long cumulative;
    private long highest;

    ReceivedTsns(int peerInitialTsn) {
        cumulative = (peerInitialTsn & 0xFFFF_FFFFL) - 1;
        highest = cumulative;
    }

    long cumulative() {
        return cumulative;
    }

    long unwrap(int wire) {
        return Serial.unwrap(cumulative, wire);
    }

    boolean hasGaps() {
        return highest > cumulative;
    }

    boolean hasDuplicates() {
        return duplicateCount > 0;
    }

    Arrival arrive(long tsn) {
        if (tsn <= cumulative || tsn <= highest && isSet(tsn)) {
            if (duplicateCount < MAX_DUPLICATES) {
                duplicates[duplicateCount++] = (int) tsn;
            }
            return Arrival.DUPLICATE;
        }
        if (tsn - cumulative >= WINDOW) {
            return Arrival.OUT_OF_WINDOW;
        }
        set(tsn);
        highest = Math.max(highest, tsn);
        advance();
        return Arrival.NEW;
    }

    /** FORWARD TSN: everything up to {@code newCumulative} counts as received; false if out of the window. */
    boolean forwardTo(long newCumulative) {
        if (newCumulative <= cumulative) {
            return true;
        }
        if (newCumulative - cumulative >= WINDOW) {
            return false;
        }
        for (long tsn = cumulative + 1; tsn <= newCumulative; tsn++) {
            clear(tsn);
        }
        cumulative = newCumulative;
        highest = Math.max(highest, cumulative);
        advance();
        return true;
    }

    /** The SACK for the current state; clears the duplicate list it reports. */
    SackChunk sack(long window) {
        int blocks = 0;
        int[] gaps = new int[2 * Math.min(MAX_GAP_BLOCKS, gapBlockCount())];
        long tsn = cumulative + 1;
        while (tsn <= highest && blocks < gaps.length / 2) {
            while (!isSet(tsn)) {
                tsn++;
            }
            long start = tsn;
            while (tsn <= highest && isSet(tsn)) {
                tsn++;
            }
            gaps[2 * blocks] = (int) (start - cumulative);
            gaps[2 * blocks + 1] = (int) (tsn - 1 - cumulative);
            blocks++;
        }
        int[] dups = new int[duplicateCount];
        System.arraycopy(duplicates, 0, dups, 0, duplicateCount);
        duplicateCount = 0;
        return new SackChunk((int) cumulative, Math.max(0, window), gaps, dups);
    }

    private int gapBlockCount() {
        int count = 0;
        boolean inBlock = false;
        for (long tsn = cumulative + 1; tsn <= highest; tsn++) {
            boolean set = isSet(tsn);
            if (set && !inBlock) {
                count++;
            }
            inBlock = set;
        }
        return count;
    }

    private void advance() {
        while (cumulative < highest && isSet(cumulative + 1)) {
            cumulative++;
            clear(cumulative);
        }
    }

    private boolean isSet(long tsn) {
        int i = (int) (tsn & (WINDOW - 1));
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long tsn) {
        int i = (int) (tsn & (WINDOW - 1));
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long tsn) {
        int i = (int) (tsn & (WINDOW - 1));
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
