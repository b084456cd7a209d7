package io.tributary.worker.data;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.IceClient.bindingRequest;
import static io.tributary.worker.testing.Js.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.dtls.DtlsHandshakeResult;
import io.tributary.worker.dtls.DtlsOptions;
import io.tributary.worker.dtls.DtlsTransport;
import io.tributary.worker.events.Event;
import io.tributary.worker.events.EventEmitter;
import io.tributary.worker.ice.StunClass;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.sctp.SctpAssociation;
import io.tributary.worker.sctp.SctpAssociations;
import io.tributary.worker.sctp.SctpOptions;
import io.tributary.worker.sctp.SctpReliability;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.sctp.VertxSctpTimers;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.direct.DirectTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DataChannels on a WebRtcTransport the way a browser uses them: ICE, then DTLS, then SCTP inside DTLS,
 * with a test-side peer built from the worker's own DTLS and SCTP parts on a UDP socket.
 */
class WebRtcDataIT {

    private final Vertx vertx = Vertx.vertx();
    private Worker worker;
    private Router router;
    private DirectTransport direct;
    private WebRtcTransport transport;
    private BrowserSide browser;

    @BeforeEach
    void setUp() throws IOException {
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(List.of())));
        direct = result(router.createDirectTransport(null, Map.of()));
        transport = DataFixtures.sctpTransport(router);
        browser = new BrowserSide(vertx.getOrCreateContext(), transport);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        result(worker.close());
        result(vertx.close());
    }

    @Test
    void dataChannelsCrossDtlsBothWaysAndCloseLikeDataChannels() throws IOException {
        EventLog states = new EventLog().on(transport.events(), Transport.SCTP_STATE_CHANGE, "sctp", SctpState::wire);
        browser.connect();
        states.await("sctp connected");
        assertEquals(List.of("sctp connecting", "sctp connected"), states.entries());
        browser.events.await("browser state connected");

        // Browser → SFU: the DataChannel on stream 3 is the transport's DataProducer on stream 3.
        DataProducer fromBrowser = result(transport.produceData(DataProducerOptions.of(js("{streamId: 3}")).withLabel("chat")));
        DataConsumer sink = result(direct.consumeData(DataConsumerOptions.of(fromBrowser.id())));
        EventLog sinkLog = new EventLog().on(sink.events(), DataConsumer.MESSAGE, "sink", m -> m.text() + "/" + m.ppid())
                .on(sink.events(), DataConsumer.DATA_PRODUCER_CLOSE, "sink dataproducerclose");
        browser.send(3, "hello from the browser");
        sinkLog.await("sink hello from the browser/51");

        // SFU → browser: a DataConsumer's stream, allocated by the transport.
        DataProducer bot = result(direct.produceData(DataProducerOptions.direct().withLabel("bot")));
        DataConsumer toBrowser = result(transport.consumeData(DataConsumerOptions.of(bot.id())));
        assertEquals(0, toBrowser.sctpStreamParameters().streamId());
        bot.send("hello from the bot");
        browser.events.await("browser message 0 51 hello from the bot");

        // Closing the DataConsumer resets its stream: the browser's DataChannel closes.
        toBrowser.close();
        browser.events.await("browser reset 0");

        // The browser closes its DataChannel: the DataProducer on that stream closes, and its consumers hear it.
        browser.reset(3);
        sinkLog.await("sink dataproducerclose");
        assertTrue(fromBrowser.closed());

        // Closing the transport aborts the association on the browser's side.
        transport.close();
        browser.events.await("browser state closed");
        assertEquals(SctpState.CLOSED, transport.sctpState());
    }

    /**
     * A browser's transport: a UDP socket, a DTLS client and an SCTP association, all driven on one Vert.x
     * context; socket reads run on their own thread and only feed DTLS.
     */
    private static final class BrowserSide implements DtlsTransport.Listener, SctpAssociation.Listener {
        private static final Event<String> NOTE = Event.of("note", String.class);
        private final EventEmitter notes = new EventEmitter();
        /** What the browser's association saw: "browser state X", "browser message stream ppid text", "browser reset ids". */
        final EventLog events = new EventLog().on(notes, NOTE, "browser", note -> note);
        private final Context context;
        private final WebRtcTransport transport;
        private final DatagramSocket socket;
        private final DtlsCertificate certificate = DtlsCertificate.generate();
        private final DtlsTransport dtls;
        private final Thread reader;
        private SctpAssociation association;

        BrowserSide(Context context, WebRtcTransport transport) throws SocketException {
            this.context = context;
            this.transport = transport;
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            InetSocketAddress sfu = new InetSocketAddress("127.0.0.1", transport.iceCandidates().get(0).port());
            this.dtls = new DtlsTransport(certificate,
                    DtlsOptions.defaults().withCallbackExecutor(task -> context.runOnContext(v -> task.run())),
                    (buf, off, len) -> sendQuietly(new DatagramPacket(Arrays.copyOfRange(buf, off, off + len), len, sfu)),
                    this);
            this.reader = new Thread(this::read, "browser-side-reader");
        }

        /** ICE (one nominating check), then DTLS as client; SCTP starts once DTLS is up. */
        void connect() throws IOException {
            socket.setSoTimeout(5000);
            assertEquals(StunClass.SUCCESS_RESPONSE, bindingRequest(socket, transport));
            socket.setSoTimeout(0);
            reader.start();
            result(transport.connect(new DtlsParameters(DtlsRole.CLIENT, certificate.fingerprints())));
            dtls.start(DtlsRole.CLIENT, transport.dtlsParameters().fingerprints());
        }

        void send(int streamId, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            context.runOnContext(v -> association.sendMessage(streamId, 51, bytes, 0, bytes.length,
                    SctpReliability.RELIABLE_ORDERED));
        }

        void reset(int streamId) {
            context.runOnContext(v -> association.resetOutgoingStreams(new int[] {streamId}));
        }

        private void read() {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(packet);
                } catch (IOException e) {
                    return;
                }
                if (DtlsTransport.isDtls(buf, 0, packet.getLength())) {
                    dtls.feed(buf, 0, packet.getLength());
                }
            }
        }

        private void sendQuietly(DatagramPacket packet) {
            try {
                socket.send(packet);
            } catch (IOException e) {
                // The socket closed with the test.
            }
        }

        @Override
        public void onConnected(DtlsHandshakeResult result) {
            association = SctpAssociations.create(new SctpOptions(1024, 1024, 262144, 262144),
                    (buf, off, len) -> dtls.send(buf, off, len), this, new VertxSctpTimers(context));
            association.connect();
        }

        @Override
        public void onApplicationData(byte[] data) {
            if (association != null) {
                association.receivePacket(data, 0, data.length);
            }
        }

        @Override
        public void onStateChange(SctpState state) {
            notes.emit(NOTE, "state " + state.wire());
        }

        @Override
        public void onMessage(int streamId, int ppid, byte[] payload) {
            notes.emit(NOTE, "message " + streamId + " " + ppid + " " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void onIncomingStreamsReset(int[] streamIds) {
            notes.emit(NOTE, "reset " + Arrays.toString(streamIds).replaceAll("[\\[\\] ]", ""));
        }

        @Override
        public void onBufferedAmountDecreased(long previous, long current) {
        }

        void close() {
            socket.close();
            dtls.close();
        }
    }
}
