package io.tributary.worker.dtls;

import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * DTLS 1.2 with use_srtp (RFC 6347, RFC 5764, RFC 5763) for one WebRtcTransport, as server or
 * client, on top of BouncyCastle's blocking DTLS engine.
 *
 * <p>Datagram flow: the demux {@link #feed feeds} every DTLS datagram received on the selected
 * tuple; records to send go to the {@link Sender} (from the handshake thread or from the thread
 * calling feed/send/close). The handshake runs on {@link DtlsOptions#handshakeExecutor()}; once it
 * is done, records are decrypted inline in {@link #feed}, so no thread is held per transport.
 * Listener callbacks go through {@link DtlsOptions#callbackExecutor()}.
 */
public final class DtlsTransport {

    /**
     * Sends one DTLS datagram; the buffer is only valid during the call. Called from several threads:
     * hand the bytes to a socket, without blocking and without calling back into a DtlsTransport.
     */
    @FunctionalInterface
    public interface Sender {
        void send(byte[] buf, int off, int len);
    }

    /** Callbacks, delivered in order through the callback executor. */
    public interface Listener {

        /** connecting, connected, failed, or closed when the peer sent close_notify (not on {@link #close()}). */
        default void onStateChange(DtlsState state) {
        }

        /** The handshake finished: SRTP keys, profile and the verified peer certificate. */
        default void onConnected(DtlsHandshakeResult result) {
        }

        /** Decrypted application data (SCTP), a private copy. */
        default void onApplicationData(byte[] data) {
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DtlsCertificate certificate;
    private final DtlsOptions options;
    private final Listener listener;
    private final DtlsRecordQueue queue;
    private final CompletableFuture<DtlsHandshakeResult> handshakeFuture = new CompletableFuture<>();
    /** Guards state transitions and serializes inline decryption. */
    private final Object lock = new Object();

    private volatile DtlsState state = DtlsState.NEW;
    private DtlsRole role;
    private DtlsHandshake handshake;
    private volatile DiscardingCrypto crypto;
    private final AtomicLong malformed = new AtomicLong();
    private DTLSTransport dtls;
    private byte[] applicationBuffer;

    public DtlsTransport(DtlsCertificate certificate, DtlsOptions options, Sender sender, Listener listener) {
        this.certificate = certificate;
        this.options = options;
        this.listener = listener;
        this.queue = new DtlsRecordQueue(options.receiveQueue(), options.mtu(), sender);
    }

    /** RFC 7983 demultiplexing: a DTLS record starts with a content type in 20..63 and has a 13-byte header. */
    public static boolean isDtls(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 13 && off <= buf.length - len
                && (buf[off] & 0xFF) >= 20 && (buf[off] & 0xFF) <= 63;
    }

    public DtlsState state() {
        return state;
    }

    /**
     * What was silently discarded as RFC 6347 §4.1.2.7 asks, instead of failing the association:
     * datagrams that were not whole, readable records, and records of an encrypted epoch that did not
     * decrypt or authenticate (forged, damaged, or too short for the cipher).
     */
    public long discardedRecords() {
        DiscardingCrypto started = crypto;
        return malformed.get() + (started == null ? 0 : started.discardedRecords());
    }

    /** The local role once started, else {@code null}. */
    public DtlsRole role() {
        return role;
    }

    /** Completes with the handshake result, or exceptionally on failure, timeout or close. */
    public CompletableFuture<DtlsHandshakeResult> handshakeFuture() {
        return handshakeFuture;
    }

    /**
     * The local role for a remote role, as mediasoup's WebRtcTransport.connect(): a remote client makes
     * us the server; a remote server or "auto" makes us the client (we are ICE controlled).
     */
    public static DtlsRole localRoleFor(DtlsRole remote) {
        return remote == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
    }

    /** mediasoup's connect(): the local role follows from the remote one (see {@link #localRoleFor}). */
    public void connect(DtlsParameters remote) {
        start(DtlsTransport.localRoleFor(remote.role()), remote.fingerprints());
    }

    /**
     * Starts the handshake in the given role, authenticating the peer against {@code remoteFingerprints}.
     * Datagrams fed before this call are kept for a server (an early ClientHello) and dropped for a client.
     */
    public void start(DtlsRole localRole, List<DtlsFingerprint> remoteFingerprints) {
        if (localRole != DtlsRole.CLIENT && localRole != DtlsRole.SERVER) {
            throw new IllegalArgumentException("local DTLS role must be client or server");
        }
        if (remoteFingerprints.isEmpty()) {
            throw new IllegalArgumentException("no remote fingerprint");
        }
        synchronized (lock) {
            if (state != DtlsState.NEW) {
                throw new InvalidStateError("DTLS transport already started or closed");
            }
            role = localRole;
            crypto = new DiscardingCrypto(RANDOM);
            handshake = new DtlsHandshake(localRole, certificate, List.copyOf(remoteFingerprints),
                    options.srtpProfiles(), crypto, (int) options.handshakeTimeout().toMillis());
            state = DtlsState.CONNECTING;
        }
        if (localRole == DtlsRole.CLIENT) {
            queue.clear();
        }
        queue.handshakeDeadline(System.nanoTime() + options.handshakeTimeout().toNanos());
        dispatch(() -> listener.onStateChange(DtlsState.CONNECTING));
        try {
            options.handshakeExecutor().execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    /**
     * True when a datagram is whole DTLS records whose headers BouncyCastle can read: a DTLS version
     * (major 0xFE, minor not the reserved 0xFE, which makes it throw and fail the association) and
     * lengths that end exactly at the end of the datagram.
     */
    static boolean wellFramed(byte[] buf, int off, int len) {
        int end = off + len;
        int pos = off;
        while (pos < end) {
            if (end - pos < 13 || (buf[pos + 1] & 0xFF) != 0xFE || (buf[pos + 2] & 0xFF) == 0xFE) {
                return false;
            }
            pos += 13 + (((buf[pos + 11] & 0xFF) << 8) | (buf[pos + 12] & 0xFF));
        }
        return pos == end;
    }

    /**
     * Hands over one received DTLS datagram. Never throws for bad input; cheap when nothing is due. A
     * datagram that is not {@linkplain #wellFramed whole records} is discarded (and counted) before
     * BouncyCastle sees it: RFC 6347 §4.1.2.7 wants invalid records dropped, not the association.
     */
    public void feed(byte[] buf, int off, int len) {
        DtlsState current = state;
        if (current == DtlsState.FAILED || current == DtlsState.CLOSED || buf == null || off < 0 || len < 0
                || off > buf.length - len) {
            return;
        }
        if (!wellFramed(buf, off, len)) {
            malformed.incrementAndGet();
            return;
        }
        queue.offer(buf, off, len);
        if (queue.isInline()) {
            synchronized (lock) {
                drain();
            }
        }
    }

    /** Encrypts and sends application data (SCTP) after the handshake. */
    public void send(byte[] buf, int off, int len) {
        DTLSTransport connected;
        synchronized (lock) {
            if (state != DtlsState.CONNECTED) {
                throw new InvalidStateError("DTLS not connected");
            }
            connected = dtls;
        }
        try {
            if (len > connected.getSendLimit()) {
                throw new IllegalArgumentException("DTLS payload of " + len + " bytes exceeds " + connected.getSendLimit());
            }
            connected.send(buf, off, len);
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Sends close_notify if connected, aborts a running handshake and moves to closed without a state event. */
    public void close() {
        synchronized (lock) {
            if (state == DtlsState.CLOSED) {
                return;
            }
            state = DtlsState.CLOSED;
            if (dtls != null) {
                try {
                    dtls.close();
                } catch (IOException e) {
                    // The peer learns of the close through consent or its own timeouts anyway.
                }
            }
            queue.close();
        }
        handshakeFuture.completeExceptionally(new CancellationException("DTLS transport closed"));
    }

    private void runHandshake() {
        DTLSTransport transport;
        try {
            if (handshake.role == DtlsRole.SERVER) {
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                // ICE already proved the peer's address, so skip the HelloVerifyRequest round trip (as browsers do).
                protocol.setVerifyRequests(false);
                transport = protocol.accept(new DtlsServerPeer(handshake), queue);
            } else {
                transport = new DTLSClientProtocol().connect(new DtlsClientPeer(handshake), queue);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        DtlsHandshakeResult result = handshake.result();
        synchronized (lock) {
            if (state != DtlsState.CONNECTING) {
                try {
                    transport.close();
                } catch (IOException e) {
                    // Closed concurrently; nothing left to tell the peer.
                }
                return;
            }
            dtls = transport;
            applicationBuffer = new byte[receiveLimit(transport)];
            state = DtlsState.CONNECTED;
            queue.goInline();
            // The future completes after the listener has heard, so awaiting it sees the events in order.
            dispatch(() -> {
                listener.onStateChange(DtlsState.CONNECTED);
                listener.onConnected(result);
                handshakeFuture.complete(result);
            });
            // Records that arrived right after the peer's Finished (e.g. SCTP INIT) are waiting.
            drain();
        }
    }

    /** Decrypts every queued record; called with the lock held once the handshake is over. */
    private void drain() {
        while (state == DtlsState.CONNECTED) {
            int n;
            try {
                n = dtls.receive(applicationBuffer, 0, applicationBuffer.length, 0);
            } catch (DtlsRecordQueue.Drained drained) {
                return;
            } catch (IOException | RuntimeException e) {
                receiveFailed(e);
                return;
            }
            if (n >= 0) {
                byte[] data = Arrays.copyOf(applicationBuffer, n);
                dispatch(() -> listener.onApplicationData(data));
            }
        }
    }

    /** The record layer stopped: a close_notify from the peer closes, anything else fails. */
    private void receiveFailed(Exception cause) {
        if (handshake.closeNotifyReceived() && !(cause instanceof TlsFatalAlertReceived)) {
            state = DtlsState.CLOSED;
            queue.close();
            dispatch(() -> listener.onStateChange(DtlsState.CLOSED));
        } else {
            fail(cause);
        }
    }

    private void fail(Throwable cause) {
        synchronized (lock) {
            if (state == DtlsState.CLOSED || state == DtlsState.FAILED) {
                return;
            }
            state = DtlsState.FAILED;
            queue.close();
        }
        dispatch(() -> {
            listener.onStateChange(DtlsState.FAILED);
            handshakeFuture.completeExceptionally(cause);
        });
    }

    private void dispatch(Runnable callback) {
        options.callbackExecutor().execute(callback);
    }

    private static int receiveLimit(DTLSTransport transport) {
        try {
            return transport.getReceiveLimit();
        } catch (IOException e) {
            throw new IllegalStateException("DTLS receive limit unavailable", e);
        }
    }
}
