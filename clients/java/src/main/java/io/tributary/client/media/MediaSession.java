package io.tributary.client.media;

import io.tributary.client.media.dtls.DtlsClientLink;
import io.tributary.client.media.ice.IceAgent;
import io.tributary.client.media.net.MediaLink;
import io.tributary.client.media.net.PacketKind;
import io.tributary.client.media.net.TcpMediaLink;
import io.tributary.client.media.net.UdpMediaLink;
import io.tributary.worker.dtls.DtlsHandshakeResult;
import io.tributary.worker.ice.IceCredentials;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.srtp.SrtpSession;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The transport half of a peer: link, ICE, DTLS and SRTP, and the RFC 7983 demultiplexer between
 * them. Decrypted RTP and RTCP go to a {@link Receiver}; streams send through {@link MediaOutput}.
 * Confined to the peer's loop.
 */
final class MediaSession implements MediaOutput {

    /** Gets decrypted packets on the loop; the bytes belong to the callee only during the call. */
    interface Receiver {
        void onRtp(byte[] buf, int off, int len);

        void onRtcp(byte[] buf, int off, int len);

        void onUndecryptableRtcp();
    }

    private final PeerLoop loop;
    private final PeerOptions options;
    private final DtlsClientLink dtls;
    private final Receiver receiver;
    private final IceParameters localIce = IceCredentials.random();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<String> disconnected = new CompletableFuture<>();

    private MediaLink link;
    private IceAgent ice;
    private SrtpSession srtp;
    private boolean closed;
    private int transportWideSequence;
    private volatile long rtpSent;
    private volatile long rtcpSent;
    private volatile long rtpReceived;
    private volatile long rtcpReceived;
    private volatile long stunReceived;
    private volatile long dtlsReceived;
    private volatile long unknownReceived;
    private volatile long unprotectFailures;
    private volatile long protectFailures;
    private volatile long droppedUnkeyed;

    MediaSession(PeerLoop loop, PeerOptions options, DtlsClientLink dtls, Receiver receiver) {
        this.loop = loop;
        this.options = options;
        this.dtls = dtls;
        this.receiver = receiver;
    }

    IceParameters localIceParameters() {
        return localIce;
    }

    CompletableFuture<Void> connected() {
        return connected;
    }

    /** Completes with a reason when an established connection is lost (consent, close_notify). */
    CompletableFuture<String> disconnected() {
        return disconnected;
    }

    IceAgent ice() {
        return ice;
    }

    TransportStats stats(long malformedRtp, long paddingOnlyRtp) {
        return new TransportStats(rtpSent, rtcpSent, rtpReceived, rtcpReceived, stunReceived, dtlsReceived,
                unknownReceived, unprotectFailures, protectFailures, droppedUnkeyed, malformedRtp, paddingOnlyRtp);
    }

    /** Opens the link to the candidate of {@code protocol}, then ICE, DTLS and SRTP; call on the loop. */
    void connect(RemoteTransport remote, TransportProtocol protocol) {
        IceCandidate candidate = remote.candidate(protocol);
        InetSocketAddress address = RemoteTransport.addressOf(candidate);
        String path = address.getHostString() + ":" + address.getPort() + "/" + protocol;
        Future<MediaLink> opened = protocol == TransportProtocol.UDP
                ? UdpMediaLink.open(loop, options.bindIp(), address, this::onPacket)
                : TcpMediaLink.open(loop, options.bindIp(), address, this::onPacket, this::tcpClosed,
                        (int) options.tcpConnectTimeout().toMillis());
        opened.onComplete(result -> loop.execute(() -> {
            if (result.failed()) {
                fail(new MediaPeerException("cannot open " + path + ": " + result.cause().getMessage(),
                        result.cause()));
            } else if (closed) {
                result.result().close();
            } else {
                link = result.result();
                startIce(remote, path);
            }
        }));
    }

    private void startIce(RemoteTransport remote, String path) {
        ice = new IceAgent(loop, localIce, remote.iceParameters(), options.ice(), link::send, path);
        if (dtls.role() == DtlsRole.SERVER) {
            // As a DTLS server we wait for the SFU's ClientHello, which only comes after ICE.
            dtls.start(remote.dtlsParameters().fingerprints());
        }
        ice.connected().whenComplete((ok, error) -> loop.execute(() -> {
            if (error != null) {
                fail(error);
                return;
            }
            if (dtls.role() == DtlsRole.CLIENT) {
                dtls.start(remote.dtlsParameters().fingerprints());
            }
        }));
        ice.disconnected().thenAccept(reason -> loop.execute(() -> disconnected.complete(reason)));
        dtls.handshake().whenComplete((result, error) -> loop.execute(() -> {
            if (error != null) {
                fail(new MediaPeerException("DTLS handshake failed (" + dtls.role() + " role): "
                        + error.getMessage(), error));
            } else {
                keyed(result);
            }
        }));
        ice.start();
    }

    private void keyed(DtlsHandshakeResult result) {
        if (closed) {
            return;
        }
        srtp = result.newSrtpSession();
        connected.complete(null);
    }

    private void fail(Throwable error) {
        if (connected.isDone()) {
            return;
        }
        connected.completeExceptionally(error instanceof MediaPeerException ? error
                : new MediaPeerException(error.getMessage(), error));
    }

    /** Sends a DTLS record the handshake or the record layer produced; on the loop. */
    void sendDtls(byte[] record) {
        if (link != null && !closed) {
            link.send(record, 0, record.length);
        }
    }

    /** The SFU ended DTLS (close_notify). */
    void dtlsClosed() {
        disconnected.complete("DTLS closed by the remote side");
    }

    private void tcpClosed() {
        if (!closed) {
            disconnected.complete("TCP connection closed by the remote side");
        }
    }

    private void onPacket(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        switch (PacketKind.classify(buf, off, len)) {
            case STUN -> {
                stunReceived++;
                if (ice != null) {
                    ice.onStun(buf, off, len);
                }
            }
            case DTLS -> {
                dtlsReceived++;
                dtls.feed(buf, off, len);
            }
            case RTP -> {
                rtpReceived++;
                if (srtp == null) {
                    droppedUnkeyed++;
                    return;
                }
                int n = srtp.unprotectRtp(buf, off, len);
                if (n < 0) {
                    unprotectFailures++;
                } else {
                    receiver.onRtp(buf, off, n);
                }
            }
            case RTCP -> {
                rtcpReceived++;
                if (srtp == null) {
                    droppedUnkeyed++;
                    return;
                }
                int n = srtp.unprotectRtcp(buf, off, len);
                if (n < 0) {
                    unprotectFailures++;
                    receiver.onUndecryptableRtcp();
                } else {
                    receiver.onRtcp(buf, off, n);
                }
            }
            default -> unknownReceived++;
        }
    }

    @Override
    public boolean sendRtp(byte[] buf, int len) {
        if (srtp == null || closed) {
            droppedUnkeyed++;
            return false;
        }
        int n = srtp.protectRtp(buf, 0, len);
        if (n < 0) {
            protectFailures++;
            return false;
        }
        link.send(buf, 0, n);
        rtpSent++;
        return true;
    }

    @Override
    public boolean sendRtcp(byte[] buf, int len) {
        if (srtp == null || closed) {
            droppedUnkeyed++;
            return false;
        }
        int n = srtp.protectRtcp(buf, 0, len);
        if (n < 0) {
            protectFailures++;
            return false;
        }
        link.send(buf, 0, n);
        rtcpSent++;
        return true;
    }

    @Override
    public int nextTransportWideSequenceNumber() {
        transportWideSequence = (transportWideSequence + 1) & 0xFFFF;
        return transportWideSequence;
    }

    /** Stops ICE, DTLS (close_notify) and SRTP and closes the link; call on the loop. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        fail(new MediaPeerException("peer closed before it connected"));
        if (ice != null) {
            ice.close();
        }
        dtls.close();
        if (srtp != null) {
            srtp.close();
        }
        if (link != null) {
            link.close();
        }
    }
}
