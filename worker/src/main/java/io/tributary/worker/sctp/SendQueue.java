package io.tributary.worker.sctp;

import java.util.ArrayDeque;

/**
 * Messages not yet fully cut into DATA chunks, first come first served, with stream reset requests queued
 * among them: a reset is sent only once every message queued before it has its TSNs (RFC 6525 §5.1.2).
 * Also owns the outgoing SSN counters.
 */
final class SendQueue {

    /** What the queue holds. */
    sealed interface Item permits OutgoingMessage, ResetMarker {
    }

    /** resetOutgoingStreams() was called here. */
    record ResetMarker(int[] streamIds) implements Item {
    }

    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final char[] nextSsn;
    private long unsentBytes;

    SendQueue(int outboundStreams) {
        nextSsn = new char[outboundStreams];
    }

    void add(Item item) {
        items.addLast(item);
        if (item instanceof OutgoingMessage message) {
            unsentBytes += message.payload.length;
        }
    }

    /** Payload bytes not yet in any DATA chunk. */
    long unsentBytes() {
        return unsentBytes;
    }

    /** The head item, after dropping messages abandoned before all their fragments were sent. */
    Item peek() {
        Item head;
        while ((head = items.peekFirst()) instanceof OutgoingMessage message && message.abandoned) {
            items.pollFirst();
        }
        return head;
    }

    void removeHead() {
        items.pollFirst();
    }

    /** Gives up the rest of the message (PR-SCTP); returns the unsent bytes it drops. */
    long abandon(OutgoingMessage message) {
        message.abandoned = true;
        int dropped = message.unfragmentedBytes();
        message.fragmentedBytes = message.payload.length;
        unsentBytes -= dropped;
        return dropped;
    }

    /** Cuts the next fragment (at most {@code maxPayload} bytes) of the head message under {@code tsn}. */
    DataChunk nextFragment(OutgoingMessage message, long tsn, int maxPayload) {
        if (!message.started()) {
            message.firstTsn = tsn;
            if (!message.unordered) {
                message.ssn = nextSsn[message.streamId];
                nextSsn[message.streamId] = (char) Serial.nextSsn(message.ssn);
            }
        }
        int offset = message.fragmentedBytes;
        int length = Math.min(maxPayload, message.unfragmentedBytes());
        int flags = (offset == 0 ? DataChunk.FLAG_BEGINNING : 0)
                | (length == message.unfragmentedBytes() ? DataChunk.FLAG_END : 0)
                | (message.unordered ? DataChunk.FLAG_UNORDERED : 0);
        message.fragmentedBytes += length;
        unsentBytes -= length;
        if (message.unfragmentedBytes() == 0) {
            items.pollFirst();
        }
        return new DataChunk(flags, (int) tsn, message.streamId, message.unordered ? 0 : message.ssn, message.ppid,
                message.payload, offset, length);
    }

    /** The streams were reset: their next message is SSN 0 again. */
    void resetSsns(int[] streamIds) {
        for (int streamId : streamIds) {
            if (streamId < nextSsn.length) {
                nextSsn[streamId] = 0;
            }
        }
    }
}
