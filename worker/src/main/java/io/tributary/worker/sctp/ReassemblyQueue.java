package io.tributary.worker.sctp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns received DATA chunks back into messages (RFC 9260 §6.5, §6.9): fragments join by consecutive TSNs,
 * unordered messages go out when whole, ordered ones in SSN order per stream. Also skips what a FORWARD
 * TSN abandons (RFC 3758 §3.6) and holds data sent after a pending incoming stream reset (RFC 6525 §5.2.2).
 */
final class ReassemblyQueue {

    /** Where whole messages go. */
    interface Delivery {
        void deliver(int streamId, int ppid, byte[] payload);
    }

    private record Message(int streamId, int ssn, int ppid, byte[] payload, long firstTsn) {
    }

    /** One incoming stream: the next SSN to deliver and the whole messages waiting for it. */
    private static final class InboundStream {
        int expectedSsn;
        final Map<Integer, Message> ready = new HashMap<>();
        /** While a reset is pending: messages the peer sent after its last pre-reset TSN. */
        long resetBoundary = Long.MAX_VALUE;
        final List<Message> afterReset = new ArrayList<>();
    }

    private final TreeMap<Long, DataChunk> fragments = new TreeMap<>();
    private final Map<Integer, InboundStream> streams = new HashMap<>();
    private final Delivery delivery;
    private long bufferedBytes;

    ReassemblyQueue(Delivery delivery) {
        this.delivery = delivery;
    }

    /** Payload bytes held (fragments and ordered messages waiting), counted against our receive window. */
    long bufferedBytes() {
        return bufferedBytes;
    }

    /** A new (not duplicate) DATA chunk; {@code cumulativeTsn} is the receiver's after counting it. */
    void add(long tsn, DataChunk chunk, long cumulativeTsn) {
        if (chunk.beginning() && chunk.ending()) {
            complete(new Message(chunk.streamId(), chunk.ssn(), chunk.ppid(), chunk.data(), tsn), chunk.unordered());
            return;
        }
        fragments.put(tsn, chunk);
        bufferedBytes += chunk.dataLength();
        long first = tsn;
        DataChunk at = chunk;
        while (!at.beginning()) {
            DataChunk previous = fragments.get(first - 1);
            if (previous == null) {
                if (first - 1 <= cumulativeTsn) {
                    dropContinuation(first); // its start was abandoned: this tail can never complete
                }
                return;
            }
            if (!sameMessage(previous, at)) {
                return;
            }
            first--;
            at = previous;
        }
        long last = tsn;
        at = chunk;
        while (!at.ending()) {
            DataChunk next = fragments.get(last + 1);
            if (next == null || !sameMessage(at, next)) {
                return;
            }
            last++;
            at = next;
        }
        assemble(first, last, chunk.unordered());
    }

    private static boolean sameMessage(DataChunk a, DataChunk b) {
        return a.streamId() == b.streamId() && a.unordered() == b.unordered() && (a.unordered() || a.ssn() == b.ssn())
                && !b.beginning();
    }

    private void assemble(long first, long last, boolean unordered) {
        NavigableMap<Long, DataChunk> parts = fragments.subMap(first, true, last, true);
        int size = 0;
        for (DataChunk part : parts.values()) {
            size += part.dataLength();
        }
        byte[] payload = new byte[size];
        int at = 0;
        DataChunk head = parts.firstEntry().getValue();
        for (DataChunk part : parts.values()) {
            System.arraycopy(part.data(), part.dataOffset(), payload, at, part.dataLength());
            at += part.dataLength();
        }
        parts.clear();
        bufferedBytes -= size;
        complete(new Message(head.streamId(), head.ssn(), head.ppid(), payload, first), unordered);
    }

    /** Drops the non-first fragments from {@code tsn} on: the tail of a message whose start is gone. */
    private void dropContinuation(long tsn) {
        DataChunk tail;
        while ((tail = fragments.get(tsn)) != null && !tail.beginning()) {
            bufferedBytes -= tail.dataLength();
            fragments.remove(tsn++);
        }
    }

    private void complete(Message message, boolean unordered) {
        if (unordered) {
            deliver(message);
            return;
        }
        InboundStream stream = stream(message.streamId);
        if (message.firstTsn > stream.resetBoundary) {
            stream.afterReset.add(message);
            bufferedBytes += message.payload.length;
            return;
        }
        if (message.ssn != stream.expectedSsn && !Serial.ssnAfter(message.ssn, stream.expectedSsn)) {
            return; // an SSN already delivered or skipped
        }
        stream.ready.put(message.ssn, message);
        bufferedBytes += message.payload.length;
        deliverReady(stream);
    }

    private void deliverReady(InboundStream stream) {
        Message next;
        while ((next = stream.ready.remove(stream.expectedSsn)) != null) {
            bufferedBytes -= next.payload.length;
            stream.expectedSsn = Serial.nextSsn(stream.expectedSsn);
            deliver(next);
        }
    }

    private void deliver(Message message) {
        if (message.ppid != SctpPpid.DCEP) {
            delivery.deliver(message.streamId, message.ppid, message.payload);
        }
    }

    private InboundStream stream(int streamId) {
        return streams.computeIfAbsent(streamId, id -> new InboundStream());
    }

    /**
     * FORWARD TSN: drops fragments up to {@code newCumulativeTsn} (and the abandoned tails right after it),
     * and moves each listed ordered stream past its skipped SSN.
     */
    void skip(long newCumulativeTsn, int[] streamIds, int[] ssns) {
        NavigableMap<Long, DataChunk> abandoned = fragments.headMap(newCumulativeTsn, true);
        for (DataChunk part : abandoned.values()) {
            bufferedBytes -= part.dataLength();
        }
        abandoned.clear();
        dropContinuation(newCumulativeTsn + 1);
        for (int i = 0; i < streamIds.length; i++) {
            InboundStream stream = stream(streamIds[i]);
            int skipped = ssns[i];
            if (skipped != stream.expectedSsn && !Serial.ssnAfter(skipped, stream.expectedSsn)) {
                continue;
            }
            for (Iterator<Message> it = stream.ready.values().iterator(); it.hasNext(); ) {
                Message m = it.next();
                if (!Serial.ssnAfter(m.ssn, skipped)) {
                    bufferedBytes -= m.payload.length;
                    it.remove();
                }
            }
            stream.expectedSsn = Serial.nextSsn(skipped);
            deliverReady(stream);
        }
    }

    /** An incoming reset waits for TSNs up to {@code lastTsn}: ordered messages after it wait for the reset. */
    void holdAfter(int[] streamIds, long lastTsn) {
        for (int streamId : streamIds) {
            stream(streamId).resetBoundary = lastTsn;
        }
    }

    /** The peer reset these outgoing streams of its own: their SSNs start again at 0. */
    void resetStreams(int[] streamIds) {
        for (int streamId : streamIds) {
            InboundStream stream = stream(streamId);
            for (Message stale : stream.ready.values()) {
                bufferedBytes -= stale.payload.length;
            }
            stream.ready.clear();
            stream.expectedSsn = 0;
            stream.resetBoundary = Long.MAX_VALUE;
            List<Message> held = new ArrayList<>(stream.afterReset);
            stream.afterReset.clear();
            for (Message message : held) {
                bufferedBytes -= message.payload.length;
                complete(message, false);
            }
        }
    }

    /** Stream ids with any inbound state (a reset of "all streams" lists these). */
    int[] knownStreams() {
        return streams.keySet().stream().mapToInt(Integer::intValue).toArray();
    }
}
