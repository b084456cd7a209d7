package io.tributary.bench;

import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.worker.ortc.RtpParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The consumer side of the fan-out: peers with one or more consumers each, every received stream
 * verified by the peer (sequence, CRC of the synthetic body) and its one-way delay recorded.
 */
final class Audience {

    /** What all consumers received so far; the window's figures are the difference of two. */
    record Totals(long packets, long unique, long lost, long corrupt) {
        Totals minus(Totals earlier) {
            return new Totals(packets - earlier.packets, unique - earlier.unique, lost - earlier.lost,
                    corrupt - earlier.corrupt);
        }
    }

    private final List<ReceivedStream> streams = new ArrayList<>();
    private final LatencyHistogram latency;

    Audience(LatencyHistogram latency) {
        this.latency = latency;
    }

    /**
     * {@code consumers} consumers of every producer over {@code perPeer}-consumer peers. Each
     * consumer is expected before the next is created, so no packet of it goes unaccounted.
     */
    void join(SfuPeers sfu, List<String> producerIds, int consumers, int perPeer) {
        SfuPeers.Peer peer = null;
        for (int i = 0; i < consumers; i++) {
            if (i % perPeer == 0) {
                peer = sfu.connect();
            }
            for (String producerId : producerIds) {
                RtpParameters parameters = sfu.consume(peer, producerId);
                ReceivedStream stream = peer.media().receive(parameters);
                stream.onPacket(p -> {
                    // First transmissions only: a retransmission's age says nothing about forwarding.
                    if (!p.viaRtx() && !p.duplicate() && p.sendMicros() > 0) {
                        latency.record(p.arrivalMicros() - p.sendMicros());
                    }
                });
                streams.add(stream);
            }
        }
    }

    /** Completes once every stream got a packet (a video consumer waits for its first key frame). */
    CompletableFuture<Void> flowing() {
        return CompletableFuture.allOf(streams.stream().map(ReceivedStream::firstPacket)
                .toArray(CompletableFuture[]::new));
    }

    /** How many streams have not received a single packet yet, for a set-up that stalls. */
    long silent() {
        return streams.stream().filter(s -> s.stats().packets() == 0).count();
    }

    Totals totals() {
        long packets = 0;
        long unique = 0;
        long lost = 0;
        long corrupt = 0;
        for (ReceivedStream stream : streams) {
            ReceivedStreamStats s = stream.stats();
            packets += s.packets();
            unique += s.uniquePackets();
            lost += s.lost();
            corrupt += s.corrupt();
        }
        return new Totals(packets, unique, lost, corrupt);
    }
}
