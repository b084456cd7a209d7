package io.tributary.client.media.dtls;

import io.tributary.client.media.PeerLoop;
import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.dtls.DtlsHandshakeResult;
import io.tributary.worker.dtls.DtlsOptions;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.dtls.DtlsTransport;
import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.srtp.SrtpProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The peer's DTLS endpoint, client by default as a browser facing mediasoup: our own certificate,
 * the parameters to hand to the SFU's {@code connect()}, and a handshake whose result (SRTP keys)
 * is delivered on the peer's loop.
 */
public final class DtlsClientLink {

    private final DtlsRole role;
    private final DtlsCertificate certificate;
    private final DtlsTransport transport;

    /**
     * @param role   {@link DtlsRole#CLIENT} (starts the handshake once ICE is up) or {@link DtlsRole#SERVER}
     * @param srtpProfiles offered (client) or accepted (server), preferred first
     * @param send   hands one DTLS datagram to the link; invoked on the loop with a private copy
     * @param closed told (on the loop) when the SFU sends close_notify after the handshake
     * @param applicationData told (on the loop) of each application-data record: SCTP for DataChannels
     */
    public DtlsClientLink(PeerLoop loop, DtlsRole role, DtlsCertificate certificate, Duration handshakeTimeout,
                          List<SrtpProfile> srtpProfiles, Consumer<byte[]> send, Runnable closed,
                          Consumer<byte[]> applicationData) {
        if (role != DtlsRole.CLIENT && role != DtlsRole.SERVER) {
            throw new IllegalArgumentException("a peer's DTLS role is client or server, not " + role);
        }
        this.role = role;
        this.certificate = certificate;
        DtlsOptions options = DtlsOptions.defaults()
                .withHandshakeTimeout(handshakeTimeout)
                .withSrtpProfiles(srtpProfiles)
                .withCallbackExecutor(loop);
        // BouncyCastle sends from its handshake thread: copy and hop onto the loop, where the link lives.
        DtlsTransport.Sender sender = (buf, off, len) -> {
            byte[] copy = Arrays.copyOfRange(buf, off, off + len);
            loop.execute(() -> send.accept(copy));
        };
        this.transport = new DtlsTransport(certificate, options, sender, new DtlsTransport.Listener() {
            @Override
            public void onStateChange(DtlsState state) {
                if (state == DtlsState.CLOSED) {
                    closed.run();
                }
            }

            @Override
            public void onApplicationData(byte[] data) {
                applicationData.accept(data);
            }
        });
    }

    /** What the SFU's {@code transport.connect({dtlsParameters})} needs from us. */
    public DtlsParameters localParameters() {
        return new DtlsParameters(role, certificate.fingerprints());
    }

    public DtlsRole role() {
        return role;
    }

    /** Completes on the loop with the SRTP keys, or fails (timeout, fingerprint mismatch, alert). */
    public CompletableFuture<DtlsHandshakeResult> handshake() {
        return transport.handshakeFuture();
    }

    public DtlsState state() {
        return transport.state();
    }

    /** Starts the handshake, verifying the SFU's certificate against {@code remoteFingerprints}. */
    public void start(List<DtlsFingerprint> remoteFingerprints) {
        transport.start(role, remoteFingerprints);
    }

    /** Feeds one DTLS datagram from the link (copied). */
    public void feed(byte[] buf, int off, int len) {
        transport.feed(buf, off, len);
    }

    /** Sends one application-data record (an SCTP packet); dropped unless connected, as on a lossy path. */
    public void sendApplicationData(byte[] buf) {
        if (transport.state() == DtlsState.CONNECTED) {
            transport.send(buf, 0, buf.length);
        }
    }

    /** Sends close_notify when connected and stops. */
    public void close() {
        transport.close();
    }
}
