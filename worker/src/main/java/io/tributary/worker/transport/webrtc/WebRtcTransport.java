package io.tributary.worker.transport.webrtc;

import io.tributary.worker.data.DataTransportSettings;
import io.tributary.worker.dtls.DtlsHandshakeResult;
import io.tributary.worker.dtls.DtlsOptions;
import io.tributary.worker.dtls.DtlsState;
import io.tributary.worker.dtls.DtlsTransport;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ice.IceCredentials;
import io.tributary.worker.ice.IceServer;
import io.tributary.worker.ice.IceState;
import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.router.Router;
import io.tributary.worker.srtp.SrtpSession;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TupleInfo;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's WebRtcTransport: ICE-lite (controlled) on host candidates, then DTLS, then SRTP. STUN
 * reaches it by its ICE username fragment; DTLS and SRTP only from a tuple ICE has validated.
 */
public final class WebRtcTransport extends Transport {

    public static final Event<IceState> ICE_STATE_CHANGE = Event.of("icestatechange", IceState.class);
    public static final Event<TupleInfo> ICE_SELECTED_TUPLE_CHANGE = Event.of("iceselectedtuplechange", TupleInfo.class);
    public static final Event<DtlsState> DTLS_STATE_CHANGE = Event.of("dtlsstatechange", DtlsState.class);

    private static final long CONSENT_TIMER_MS = 1000;

    private final WebRtcServer server;
    private final MediaSockets sockets;
    private final List<IceCandidate> iceCandidates;
    private final IceServer<TransportTuple> iceServer;
    private final DtlsTransport dtls;
    private DtlsParameters dtlsParameters;
    private DtlsParameters remoteDtls;
    private String dtlsRemoteCert;
    private DtlsState dtlsState = DtlsState.NEW;
    private SrtpSession srtp;
    private long consentTimer = -1;
    /** Set once the transport closed its side of the wire; late DTLS records are dropped. */
    private boolean wireClosed;

    private WebRtcTransport(String id, Router router, WebRtcTransportOptions options, WebRtcServer server,
                            MediaSockets sockets) {
        super(id, router, options.appData(), DataTransportSettings.sctp(options.sctp(), true));
        this.server = server;
        this.sockets = sockets;
        this.iceCandidates = IceCandidates.of(sockets.bound(), options);
        this.iceServer = new IceServer<>(IceCredentials.random(), options.iceConsentTimeout(), new IceEvents());
        var certificate = router.worker().dtlsCertificate();
        this.dtlsParameters = new DtlsParameters(DtlsRole.AUTO, certificate.fingerprints());
        DtlsOptions dtlsOptions = DtlsOptions.defaults().withCallbackExecutor(loop::execute);
        this.dtls = new DtlsTransport(certificate, dtlsOptions, this::sendDtls, new DtlsEvents());
        sockets.routeUfrag(iceServer.parameters().usernameFragment(), this);
    }

    /** Creates the transport on the router's loop: with the server's sockets, or binding its own. */
    public static Future<WebRtcTransport> create(String id, Router router, WebRtcTransportOptions options) {
        try {
            options.validate();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        if (options.webRtcServer() != null) {
            WebRtcServer server = options.webRtcServer();
            if (server.closed()) {
                return Future.failedFuture(new MediasoupError("WebRtcServer closed"));
            }
            WebRtcTransport transport = new WebRtcTransport(id, router, options, server, server.sockets());
            server.handle(transport);
            transport.startConsentTimer();
            return Future.succeededFuture(transport);
        }
        var settings = router.worker().settings();
        return MediaSockets.bind(router.worker().loop(), options.listenInfos(), settings.rtcMinPort(), settings.rtcMaxPort())
                .map(sockets -> {
                    WebRtcTransport transport = new WebRtcTransport(id, router, options, null, sockets);
                    transport.startConsentTimer();
                    return transport;
                });
    }

    public String iceRole() {
        return "controlled";
    }

    public IceParameters iceParameters() {
        return iceServer.parameters();
    }

    public List<IceCandidate> iceCandidates() {
        return iceCandidates;
    }

    public IceState iceState() {
        return iceServer.state();
    }

    public TupleInfo iceSelectedTuple() {
        TransportTuple tuple = iceServer.selectedTuple();
        return tuple == null ? null : TupleInfo.of(tuple, announcedAddressOf(tuple));
    }

    public DtlsParameters dtlsParameters() {
        return dtlsParameters;
    }

    public DtlsState dtlsState() {
        return dtlsState;
    }

    public String dtlsRemoteCert() {
        return dtlsRemoteCert;
    }

    /**
     * mediasoup's {@code connect({dtlsParameters})}: the local role follows from the remote one, and a
     * remote without a role counts as 'auto'. A second call is an Error, checked before the parameters
     * as mediasoup's worker does; bad parameters are TypeErrors.
     */
    public Future<Void> connect(DtlsParameters given) {
        return loop.call(() -> {
            assertOpen();
            if (given == null) {
                throw new TypeError("missing dtlsParameters");
            }
            if (remoteDtls != null) {
                throw new MediasoupError("connect() already called");
            }
            if (given.fingerprints() == null || given.fingerprints().isEmpty()) {
                throw new TypeError("empty dtlsParameters.fingerprints array");
            }
            DtlsParameters remote = given.role() != null ? given : given.withRole(DtlsRole.AUTO);
            remoteDtls = remote;
            dtlsParameters = dtlsParameters.withRole(DtlsTransport.localRoleFor(remote.role()));
            maybeStartDtls();
            return null;
        });
    }

    /** New ICE credentials; the old ones keep working until the remote uses the new ones. */
    public Future<IceParameters> restartIce() {
        return loop.call(() -> {
            assertOpen();
            return iceServer.restartIce(System.currentTimeMillis());
        });
    }

    /** DTLS starts once both the remote parameters are known and ICE has a path to the remote. */
    private void maybeStartDtls() {
        IceState ice = iceServer.state();
        if (remoteDtls != null && dtls.state() == DtlsState.NEW
                && (ice == IceState.CONNECTED || ice == IceState.COMPLETED)) {
            dtls.connect(remoteDtls);
        }
    }

    /** Called by {@link MediaSockets} for STUN whose USERNAME names this transport. */
    void receiveStun(byte[] buf, int off, int len, TransportTuple tuple) {
        counters.received(len);
        if (!iceServer.processStun(buf, off, len, tuple.persist(), tuple.remote(), System.currentTimeMillis())) {
            counters.dropped++;
        }
    }

    /** DTLS, RTP or RTCP from a tuple routed to this transport. */
    void receiveMedia(byte[] buf, int off, int len, TransportTuple tuple) {
        counters.received(len);
        if (DtlsTransport.isDtls(buf, off, len)) {
            // Once connected the record is decrypted inline, so a forged or damaged one is known here.
            long discarded = dtls.discardedRecords();
            dtls.feed(buf, off, len);
            if (dtls.discardedRecords() != discarded) {
                counters.dropped++;
            }
            return;
        }
        // Nothing past len is ours to read, not even the first byte of an empty datagram.
        if (srtp == null || len < 12 || (buf[off] & 0xff) < 128 || (buf[off] & 0xff) > 191) {
            counters.dropped++;
            return;
        }
        int packetType = buf[off + 1] & 0xff;
        long now = System.currentTimeMillis();
        if (packetType >= 192 && packetType <= 223) {
            int n = srtp.unprotectRtcp(buf, off, len);
            if (n < 0) {
                counters.dropped++;
                return;
            }
            receiveRtcp(buf, off, n, now);
        } else {
            int n = srtp.unprotectRtp(buf, off, len);
            if (n < 0) {
                counters.dropped++;
                return;
            }
            receiveRtp(buf, off, n, now);
        }
    }

    /** A TCP tuple went away: ICE moves to another tuple or disconnects. */
    void tupleClosed(TransportTuple tuple) {
        iceServer.removeTuple(tuple, System.currentTimeMillis());
    }

    @Override
    public void sendRtp(byte[] buf, int off, int len) {
        if (srtp != null && send(buf, off, srtp.protectRtp(buf, off, len))) {
            counters.rtpSent(len);
        }
    }

    @Override
    public void sendRtcp(byte[] buf, int off, int len) {
        if (srtp != null) {
            send(buf, off, srtp.protectRtcp(buf, off, len));
        }
    }

    /** Sends {@code protectedLength} bytes (negative: SRTP refused the packet) on the selected tuple. */
    private boolean send(byte[] buf, int off, int protectedLength) {
        TransportTuple tuple = iceServer.selectedTuple();
        if (protectedLength < 0 || tuple == null) {
            counters.dropped++;
            return false;
        }
        tuple.send(buf, off, protectedLength);
        counters.sent(protectedLength);
        return true;
    }

    /** SCTP packets travel as DTLS application data. */
    private void sendSctp(byte[] buf, int off, int len) {
        try {
            dtls.send(buf, off, len);
        } catch (RuntimeException e) {
            // DTLS closed or failed under the association, which retransmits or gives up by itself.
            counters.dropped++;
        }
    }

    /** DTLS records leave on the selected tuple; the handshake thread hops to the loop with a copy. */
    private void sendDtls(byte[] buf, int off, int len) {
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        loop.execute(() -> {
            TransportTuple tuple = iceServer.selectedTuple();
            if (tuple != null && !wireClosed) {
                tuple.send(copy, 0, copy.length);
                counters.sent(copy.length);
            }
        });
    }

    private void startConsentTimer() {
        loop.execute(() -> consentTimer = router.worker().vertx().setPeriodic(CONSENT_TIMER_MS,
                t -> iceServer.onTimer(System.currentTimeMillis())));
    }

    /** The WebRtcServer closed under this transport. */
    void listenServerClosed() {
        if (!closed()) {
            finish(LISTEN_SERVER_CLOSE);
        }
    }

    @Override
    protected void onClose() {
        if (consentTimer >= 0) {
            router.worker().vertx().cancelTimer(consentTimer);
        }
        // What SCTP and DTLS say last (the ABORT sent by now, close_notify) leaves before ICE and the sockets close.
        dtls.close();
        TransportTuple selected = iceServer.selectedTuple();
        if (selected != null) {
            selected.flush();
        }
        wireClosed = true;
        iceServer.close();
        dtlsState = DtlsState.CLOSED;
        if (srtp != null) {
            srtp.close();
        }
        sockets.unrouteAll(this);
        if (server != null) {
            server.unhandle(this);
        } else {
            sockets.close();
        }
    }

    @Override
    protected String statsType() {
        return "webrtc-transport";
    }

    @Override
    protected void fillStats(Map<String, Object> stats) {
        stats.put("iceRole", iceRole());
        stats.put("iceState", iceState().value());
        TupleInfo selected = iceSelectedTuple();
        if (selected != null) {
            stats.put("iceSelectedTuple", selected);
        }
        stats.put("dtlsState", dtlsState.value());
    }

    @Override
    protected void fillDump(Map<String, Object> dump) {
        dump.put("iceRole", iceRole());
        dump.put("iceParameters", iceParameters());
        dump.put("iceCandidates", iceCandidates);
        dump.put("iceState", iceState().value());
        TupleInfo selected = iceSelectedTuple();
        if (selected != null) {
            dump.put("iceSelectedTuple", selected);
        }
        dump.put("dtlsParameters", dtlsParameters);
        dump.put("dtlsState", dtlsState.value());
        if (dtlsRemoteCert != null) {
            dump.put("dtlsRemoteCert", dtlsRemoteCert);
        }
    }

    private String announcedAddressOf(TransportTuple tuple) {
        for (MediaSockets.Bound b : sockets.bound()) {
            if (b.port() == tuple.local().getPort() && b.protocol().value().equals(tuple.protocol())) {
                return b.info().announcedAddress();
            }
        }
        return null;
    }

    /** ICE callbacks, on the worker loop (they come from processStun/onTimer). */
    private final class IceEvents implements IceServer.Listener<TransportTuple> {
        @Override
        public void onSendStun(byte[] buf, int off, int len, TransportTuple tuple) {
            tuple.send(buf, off, len);
            counters.sent(len);
        }

        @Override
        public void onStateChange(IceState state) {
            events.emit(ICE_STATE_CHANGE, state);
            observer.emit(ICE_STATE_CHANGE, state);
            maybeStartDtls();
        }

        @Override
        public void onSelectedTupleChange(TransportTuple tuple) {
            TupleInfo info = TupleInfo.of(tuple, announcedAddressOf(tuple));
            events.emit(ICE_SELECTED_TUPLE_CHANGE, info);
            observer.emit(ICE_SELECTED_TUPLE_CHANGE, info);
        }

        @Override
        public void onTupleAdded(TransportTuple tuple) {
            sockets.routeTuple(tuple, WebRtcTransport.this);
        }

        @Override
        public void onTupleRemoved(TransportTuple tuple) {
            sockets.unrouteTuple(tuple, WebRtcTransport.this);
        }

        @Override
        public void onLocalUsernameFragmentAdded(String usernameFragment) {
            sockets.routeUfrag(usernameFragment, WebRtcTransport.this);
        }

        @Override
        public void onLocalUsernameFragmentRemoved(String usernameFragment) {
            sockets.unrouteUfrag(usernameFragment, WebRtcTransport.this);
        }
    }

    /** DTLS callbacks, delivered on the worker loop through the callback executor. */
    private final class DtlsEvents implements DtlsTransport.Listener {
        @Override
        public void onStateChange(DtlsState state) {
            // 'connected' is announced from onConnected, once the remote certificate and SRTP are in place.
            if (!closed() && state != DtlsState.CONNECTED) {
                announce(state);
            }
        }

        @Override
        public void onConnected(DtlsHandshakeResult result) {
            if (closed()) {
                return;
            }
            dtlsRemoteCert = result.remoteCertificatePem();
            srtp = result.newSrtpSession();
            announce(DtlsState.CONNECTED);
            startSctp(WebRtcTransport.this::sendSctp);
        }

        @Override
        public void onApplicationData(byte[] data) {
            if (!closed()) {
                receiveSctp(data, 0, data.length);
            }
        }

        private void announce(DtlsState state) {
            dtlsState = state;
            events.emit(DTLS_STATE_CHANGE, state);
            observer.emit(DTLS_STATE_CHANGE, state);
        }
    }
}
