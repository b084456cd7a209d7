package io.tributary.worker.consumer;

/**
 * Maps a producer's sequence numbers into a consumer's continuous space: after a sync the next
 * packet follows the last one sent, whatever the input jumped to (a resume, a layer switch), and a
 * dropped packet (a filtered temporal layer) is taken out of the output space, so the receiver sees
 * no gap to NACK.
 */
final class SequenceRewriter {

    private int offset;
    private int lastInput = -1;
    private int lastOutput = -1;

    /** The next input {@code inputSeq} is to follow the last sent packet directly. */
    void sync(int inputSeq) {
        int next = lastOutput < 0 ? inputSeq : (lastOutput + 1) & 0xffff;
        offset = (next - inputSeq) & 0xffff;
        lastInput = (inputSeq - 1) & 0xffff;
    }

    /** The newest input is not forwarded: later inputs close the gap it leaves. */
    void drop(int inputSeq) {
        if (lastInput < 0 || isNewer(inputSeq, lastInput)) {
            lastInput = inputSeq;
            offset = (offset - 1) & 0xffff;
        }
    }

    int rewrite(int inputSeq) {
        int out = (inputSeq + offset) & 0xffff;
        if (lastInput < 0 || isNewer(inputSeq, lastInput)) {
            lastInput = inputSeq;
            lastOutput = out;
        }
        return out;
    }

    private static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xffff;
        return diff != 0 && diff < 0x8000;
    }
}
