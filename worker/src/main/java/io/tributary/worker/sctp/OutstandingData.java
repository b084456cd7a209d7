package io.tributary.worker.sctp;

import java.util.Map;
import java.util.TreeMap;

/**
 * DATA chunks that have a TSN and are not yet cumulatively acknowledged (RFC 9260 §6): SACK processing with
 * gap blocks and miss indications (§7.2.4), marking for retransmission, flight size, the peer's window, and
 * PR-SCTP abandonment with the Advanced.Peer.Ack.Point (RFC 3758 §3.5).
 */
final class OutstandingData {

    /** One DATA chunk on the wire. */
    static final class Sent {
        final OutgoingMessage message;
        final DataChunk chunk;
        final long tsn;
        final int size;
        int transmissions = 1;
        long sentAt;
        int misses;
        boolean acked;
        boolean abandoned;
        boolean retransmit;
        boolean fastRetransmit;
        boolean fastRetransmitted;

        Sent(OutgoingMessage message, DataChunk chunk, long tsn, long now) {
            this.message = message;
            this.chunk = chunk;
            this.tsn = tsn;
            this.size = chunk.paddedLength();
            this.sentAt = now;
        }

        boolean inFlight() {
            return !acked && !abandoned && !retransmit;
        }
    }

    /** What one SACK changed. */
    record SackOutcome(boolean accepted, boolean cumulativeAdvanced, long bytesAcked, long flightBefore,
            long rttMillis, boolean fastRetransmit) {
        static final SackOutcome IGNORED = new SackOutcome(false, false, 0, 0, -1, false);
    }

    private static final int FAST_RETRANSMIT_MISSES = 3;

    private final TreeMap<Long, Sent> sent = new TreeMap<>();
    private final boolean partialReliability;
    private final SendQueue queue;
    private long cumulativeAck;
    private long nextTsn;
    private long advancedPeerAckPoint;
    private long flightBytes;
    private long unackedPayload;
    private long peerWindow;
    private int toRetransmit;

    OutstandingData(int initialTsn, long peerWindow, boolean partialReliability, SendQueue queue) {
        this.nextTsn = initialTsn & 0xFFFF_FFFFL;
        this.cumulativeAck = nextTsn - 1;
        this.advancedPeerAckPoint = cumulativeAck;
        this.peerWindow = peerWindow;
        this.partialReliability = partialReliability;
        this.queue = queue;
    }

    long nextTsn() {
        return nextTsn;
    }

    long cumulativeAck() {
        return cumulativeAck;
    }

    long flightBytes() {
        return flightBytes;
    }

    long peerWindow() {
        return peerWindow;
    }

    /** Payload bytes with a TSN, neither cumulatively acknowledged nor abandoned. */
    long unackedPayload() {
        return unackedPayload;
    }

    boolean isEmpty() {
        return sent.isEmpty();
    }

    boolean hasRetransmissions() {
        return toRetransmit > 0;
    }

    long highestTsn() {
        return nextTsn - 1;
    }

    /** The peer's window allows {@code size} more bytes (or nothing is in flight: a zero-window probe). */
    boolean windowAllows(int size) {
        return peerWindow >= size || flightBytes == 0;
    }

    Sent add(OutgoingMessage message, DataChunk chunk, long now) {
        Sent s = new Sent(message, chunk, nextTsn++, now);
        sent.put(s.tsn, s);
        flightBytes += s.size;
        peerWindow = Math.max(0, peerWindow - s.size);
        unackedPayload += chunk.dataLength();
        return s;
    }

    SackOutcome onSack(SackChunk sack, long now) {
        long cumAck = Serial.unwrap(cumulativeAck, sack.cumulativeTsnAck());
        if (cumAck < cumulativeAck || cumAck >= nextTsn) {
            return SackOutcome.IGNORED;
        }
        long flightBefore = flightBytes;
        boolean advanced = cumAck > cumulativeAck;
        long bytesAcked = 0;
        long rtt = -1;
        Map.Entry<Long, Sent> head;
        while ((head = sent.firstEntry()) != null && head.getKey() <= cumAck) {
            Sent s = sent.pollFirstEntry().getValue();
            if (!s.acked && !s.abandoned) {
                bytesAcked += s.size;
                rtt = s.transmissions == 1 ? now - s.sentAt : rtt;
            }
            forget(s);
        }
        cumulativeAck = cumAck;
        advancedPeerAckPoint = Math.max(advancedPeerAckPoint, cumAck);
        int[] gaps = sack.gapBlocks();
        long highestNewlyAcked = -1;
        int block = 0;
        for (Sent s : sent.values()) {
            long offset = s.tsn - cumAck;
            while (block < gaps.length && offset > gaps[block + 1]) {
                block += 2;
            }
            boolean inGap = block < gaps.length && offset >= gaps[block] && offset <= gaps[block + 1];
            if (inGap && !s.acked) {
                leaveFlight(s);
                if (s.retransmit) {
                    s.retransmit = false;
                    toRetransmit--;
                } else if (!s.abandoned) {
                    bytesAcked += s.size;
                    rtt = s.transmissions == 1 ? now - s.sentAt : rtt;
                }
                s.acked = true;
                highestNewlyAcked = s.tsn;
            } else if (!inGap && s.acked) {
                s.acked = false; // reneged (RFC 9260 §6.2.1): T3 brings it back
                enterFlight(s);
            }
        }
        boolean fast = gaps.length > 0 && countMisses(highestNewlyAcked, now);
        peerWindow = Math.max(0, sack.advertisedWindow() - flightBytes);
        return new SackOutcome(true, advanced, bytesAcked, flightBefore, rtt, fast);
    }

    private boolean countMisses(long highestNewlyAcked, long now) {
        boolean marked = false;
        for (Sent s : sent.headMap(highestNewlyAcked, false).values()) {
            if (s.inFlight() && !s.fastRetransmitted && ++s.misses >= FAST_RETRANSMIT_MISSES) {
                if (markForRetransmit(s, now)) {
                    s.fastRetransmit = true;
                    marked = true;
                }
            }
        }
        return marked;
    }

    /** T3-rtx expired: every chunk in flight is to be sent again (or abandoned under PR-SCTP). */
    void onRetransmissionTimeout(long now) {
        for (Sent s : sent.values().toArray(new Sent[0])) {
            if (s.inFlight()) {
                markForRetransmit(s, now);
            }
        }
    }

    private boolean markForRetransmit(Sent s, long now) {
        if (partialReliability && s.message.shouldAbandon(s.transmissions, now)) {
            abandon(s.message);
            return false;
        }
        leaveFlight(s);
        s.retransmit = true;
        toRetransmit++;
        return true;
    }

    /** The first chunk waiting to be sent again; with {@code fastOnly}, only fast retransmissions. */
    Sent nextRetransmission(boolean fastOnly) {
        if (toRetransmit == 0) {
            return null;
        }
        for (Sent s : sent.values()) {
            if (s.retransmit && (!fastOnly || s.fastRetransmit)) {
                return s;
            }
        }
        return null;
    }

    void retransmitted(Sent s, long now) {
        s.retransmit = false;
        toRetransmit--;
        if (s.fastRetransmit) {
            s.fastRetransmit = false;
            s.fastRetransmitted = true;
        }
        s.transmissions++;
        s.sentAt = now;
        s.misses = 0;
        enterFlight(s);
        peerWindow = Math.max(0, peerWindow - s.size);
    }

    /** Abandons every fragment of the message, sent or not; returns the payload bytes this frees. */
    long abandon(OutgoingMessage message) {
        long freed = queue.abandon(message);
        if (message.firstTsn >= 0) {
            for (Sent s : sent.tailMap(Math.max(message.firstTsn, cumulativeAck + 1), true).values()) {
                if (s.message != message) {
                    break;
                }
                if (!s.abandoned) {
                    leaveFlight(s);
                    if (s.retransmit) {
                        s.retransmit = false;
                        toRetransmit--;
                    }
                    s.abandoned = true;
                    unackedPayload -= s.chunk.dataLength();
                    freed += s.chunk.dataLength();
                }
            }
        }
        return freed;
    }

    /** A FORWARD TSN to send when abandoned chunks follow the cumulative ack point, else null. */
    ForwardTsnChunk forwardTsn() {
        if (!partialReliability) {
            return null;
        }
        long point = Math.max(advancedPeerAckPoint, cumulativeAck);
        Sent next;
        while ((next = sent.get(point + 1)) != null && next.abandoned) {
            point++;
        }
        advancedPeerAckPoint = point;
        if (point <= cumulativeAck) {
            return null;
        }
        TreeMap<Integer, Integer> lastSsn = new TreeMap<>();
        for (Sent s : sent.subMap(cumulativeAck, false, point, true).values()) {
            if (!s.message.unordered) {
                lastSsn.merge(s.message.streamId, s.message.ssn,
                        (a, b) -> Serial.ssnAfter(b, a) ? b : a);
            }
        }
        int[] streams = new int[lastSsn.size()];
        int[] ssns = new int[lastSsn.size()];
        int i = 0;
        for (Map.Entry<Integer, Integer> e : lastSsn.entrySet()) {
            streams[i] = e.getKey();
            ssns[i++] = e.getValue();
        }
        return new ForwardTsnChunk((int) point, streams, ssns);
    }

    private void forget(Sent s) {
        leaveFlight(s);
        if (s.retransmit) {
            s.retransmit = false;
            toRetransmit--;
        }
        if (!s.abandoned) {
            unackedPayload -= s.chunk.dataLength();
        }
    }

    private void leaveFlight(Sent s) {
        if (s.inFlight()) {
            flightBytes -= s.size;
        }
    }

    private void enterFlight(Sent s) {
        if (s.inFlight()) {
            flightBytes += s.size;
        }
    }
}
