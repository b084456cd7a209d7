package io.tributary.client.media.data;

import io.tributary.client.media.MediaPeerException;
import io.tributary.client.media.PeerLoop;
import io.tributary.worker.ortc.SctpParameters;
import io.tributary.worker.sctp.SctpAssociation;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpAssociations;
import io.tributary.worker.sctp.SctpOptions;
import io.tributary.worker.sctp.SctpReliability;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.sctp.VertxSctpTimers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The peer's SCTP association over its DTLS connection, as a browser's RTCPeerConnection runs it
 * for mediasoup: 1024 streams each way, started once DTLS is up, carrying negotiated DataChannels.
 */
public final class PeerDataChannels {

    /** What a browser offers: {@code sctpCapabilities.numStreams} {OS: 1024, MIS: 1024}. */
    public static final int NUM_STREAMS = 1024;
    private static final long MAX_MESSAGE_SIZE = 262144;
    private static final long SEND_BUFFER_SIZE = 1 << 20;

    private final PeerLoop loop;
    private final Consumer<byte[]> dtlsSend;
    private final Map<Integer, DataChannel> channels = new HashMap<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private SctpAssociation association;

    /** {@code dtlsSend} takes an SCTP packet (a private copy) to send as DTLS application data. */
    public PeerDataChannels(PeerLoop loop, Consumer<byte[]> dtlsSend) {
        this.loop = loop;
        this.dtlsSend = dtlsSend;
    }

    /** Starts the association on the loop once DTLS is connected; the SFU's {@code sctpParameters} bound its size. */
    public void start(SctpParameters remote) {
        long maxMessageSize = Math.min(MAX_MESSAGE_SIZE, remote.maxMessageSize());
        SctpOptions options = new SctpOptions(NUM_STREAMS, NUM_STREAMS, maxMessageSize, SEND_BUFFER_SIZE);
        association = SctpAssociations.create(options,
                (packet, off, len) -> dtlsSend.accept(Arrays.copyOfRange(packet, off, off + len)),
                new Listener(), new VertxSctpTimers(loop.context()));
        association.connect();
    }

    /** One DTLS application-data record from the SFU: an SCTP packet. */
    public void receive(byte[] packet) {
        if (association != null) {
            association.receivePacket(packet, 0, packet.length);
        }
    }

    /** Completes when the association is established. */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    public SctpState state() {
        return association == null ? SctpState.NEW : association.state();
    }

    /** Opens (declares) a negotiated channel on {@code streamId}; messages for it are kept from now on. */
    public CompletableFuture<DataChannel> open(int streamId, String label, SctpReliability reliability) {
        return loop.call(() -> channels.computeIfAbsent(streamId,
                id -> new DataChannel(this, loop, id, label, reliability)));
    }

    CompletableFuture<SendResult> send(DataChannel channel, int ppid, byte[] payload, SctpReliability reliability) {
        return loop.call(() -> association == null ? SendResult.NOT_CONNECTED
                : association.sendMessage(channel.streamId(), ppid, payload, 0, payload.length, reliability));
    }

    /** Aborts the association and fails every pending await. */
    public void close() {
        loop.execute(() -> {
            if (association != null) {
                association.close();
            }
            MediaPeerException cause = new MediaPeerException("data channels closed");
            connected.completeExceptionally(cause);
            channels.values().forEach(c -> c.fail(cause));
        });
    }

    private final class Listener implements SctpAssociation.Listener {
        @Override
        public void onStateChange(SctpState state) {
            if (state == SctpState.CONNECTED) {
                connected.complete(null);
            } else if (state == SctpState.FAILED || state == SctpState.CLOSED) {
                connected.completeExceptionally(new MediaPeerException("SCTP association " + state.wire()));
            }
        }

        @Override
        public void onMessage(int streamId, int ppid, byte[] payload) {
            DataChannel channel = channels.get(streamId);
            if (channel != null) {
                channel.onMessage(new DataMessage(ppid, payload));
            }
        }

        @Override
        public void onIncomingStreamsReset(int[] streamIds) {
            for (int id : streamIds) {
                DataChannel channel = channels.remove(id);
                if (channel != null) {
                    channel.fail(new MediaPeerException("the SFU closed DataChannel " + id));
                }
            }
        }

        @Override
        public void onBufferedAmountDecreased(long previous, long current) {
            // Senders here await nothing on the buffer: synthetic load is bounded by the caller.
        }
    }
}
