package io.tributary.worker.rtp.stream;

import io.tributary.worker.rtp.SerialNumbers;

/**
 * Sequence number validation of one SSRC (RFC 3550 appendix A.1, with mediasoup's limits): the
 * extended highest sequence number, the number of packets expected, and the restart rule (a
 * jump beyond {@link #MAX_DROPOUT} is discarded unless the next packet follows it, then the
 * source is taken to have restarted). There is no probation: the first packet is valid, as an
 * SFU cannot hold back the start of a stream.
 */
final class SequenceTracker {

    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 1500;
    static final int SEQ_MOD = 1 << 16;

    static final int ACCEPTED = 0;
    static final int RESTARTED = 1;
    static final int DISCARDED = 2;

    private boolean started;
    private int baseSeq;
    private int maxSeq;
    private long cycles;
    private int badSeq = SEQ_MOD + 1;
    private long discarded;
    private long maxTimestamp;
    private long maxTimestampMs;

    /** Validates a packet and tracks the highest RTP timestamp; one of ACCEPTED, RESTARTED, DISCARDED. */
    int receive(int seq, long timestamp, long nowMs) {
        if (!started) {
            start(seq);
            maxTimestamp = timestamp;
            maxTimestampMs = nowMs;
            return ACCEPTED;
        }
        int result = update(seq);
        if (result == RESTARTED) {
            maxTimestamp = timestamp;
            maxTimestampMs = nowMs;
        } else if (result == ACCEPTED && SerialNumbers.isNewerTimestamp(timestamp, maxTimestamp)) {
            maxTimestamp = timestamp;
            maxTimestampMs = nowMs;
        }
        return result;
    }

    /** Validates a sequence number only (a packet recovered from RTX). */
    int update(int seq) {
        seq &= 0xFFFF;
        if (!started) {
            start(seq);
            return ACCEPTED;
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
            return ACCEPTED;
        }
        if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                start(seq);
                return RESTARTED;
            }
            badSeq = (seq + 1) & 0xFFFF;
            discarded++;
            return DISCARDED;
        }
        return ACCEPTED;
    }

    private void start(int seq) {
        started = true;
        baseSeq = seq & 0xFFFF;
        maxSeq = baseSeq;
        cycles = 0;
        badSeq = SEQ_MOD + 1;
    }

    boolean started() {
        return started;
    }

    /** Packets expected since the first (or the restart): extended highest minus base plus one. */
    long expected() {
        return started ? cycles + maxSeq - baseSeq + 1 : 0;
    }

    /** Extended highest sequence number (cycles in the upper bits). */
    long extendedMax() {
        return cycles + maxSeq;
    }

    int maxSeq() {
        return maxSeq;
    }

    long discarded() {
        return discarded;
    }

    long maxTimestamp() {
        return maxTimestamp;
    }

    long maxTimestampMs() {
        return maxTimestampMs;
    }
}
