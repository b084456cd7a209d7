package io.tributary.worker;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.FingerprintAlgorithm;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import io.vertx.core.Vertx;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        result(vertx.close());
    }

    @Test
    void createsWithDefaultsAndAppData() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults().withAppData(Map.of("foo", 456))));
        assertEquals(Map.of("foo", 456), worker.appData());
        assertFalse(worker.closed());
        assertFalse(worker.died());
        assertEquals(ProcessHandle.current().pid(), worker.pid());
        assertEquals("error", worker.settings().logLevel());
    }

    @Test
    void badSettingsAreTypeErrors() {
        List<WorkerSettings> bad = List.of(
                new WorkerSettings("chicken", null, 10000, 59999, null, null, null),
                new WorkerSettings(null, List.of("nope"), 10000, 59999, null, null, null),
                new WorkerSettings(null, null, 1000, 999, null, null, null),
                new WorkerSettings(null, null, 10000, 65536, null, null, null),
                new WorkerSettings(null, null, 10000, 59999, "/notfound/cert.pem", "/notfound/priv.pem", null),
                new WorkerSettings(null, null, 10000, 59999, "/notfound/cert.pem", null, null),
                new WorkerSettings(null, null, 10000, 59999, null, "/notfound/priv.pem", null));
        for (WorkerSettings settings : bad) {
            assertInstanceOf(TypeError.class, failure(Worker.create(vertx, settings)), settings.toString());
        }
    }

    @Test
    void createsWithEverySettingAndPresentsTheGivenCertificate(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=worker-settings-test");
        Instant now = Instant.now();
        X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        Path certificateFile = dir.resolve("dtls-cert.pem");
        Path keyFile = dir.resolve("dtls-key.pem");
        Files.writeString(certificateFile, pem(certificate));
        Files.writeString(keyFile, pem(keys.getPrivate()));

        Worker worker = result(Worker.create(vertx, new WorkerSettings("debug", List.of("info"), 40000, 49999,
                certificateFile.toString(), keyFile.toString(), Map.of("foo", 456))));

        assertFalse(worker.closed());
        assertFalse(worker.died());
        assertEquals(Map.of("foo", 456), worker.appData());
        String sha256 = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        WebRtcTransport transport = result(router.createWebRtcTransport(WebRtcTransportOptions.withListenInfos(
                List.of(TransportListenInfo.udp("127.0.0.1", 0)))));
        assertTrue(transport.dtlsParameters().fingerprints().stream().anyMatch(
                f -> f.algorithm() == FingerprintAlgorithm.SHA_256 && f.value().equals(sha256)),
                () -> sha256 + " not in " + transport.dtlsParameters().fingerprints());
        int port = transport.iceCandidates().get(0).port();
        assertTrue(port >= 40000 && port <= 49999, "port " + port);

        result(worker.close());

        assertTrue(worker.closed());
        assertFalse(worker.died());
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    @Test
    void closeFiresObserverCloseOnce() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        List<String> events = new ArrayList<>();
        worker.observer().on(Worker.CLOSE, v -> events.add("close"));

        result(worker.close());
        result(worker.close());

        assertEquals(List.of("close"), events);
        assertTrue(worker.closed());
        assertFalse(worker.died());
    }

    @Test
    void freshDumpHasMediasoupShape() throws Exception {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        String json = new ObjectMapper().writeValueAsString(result(worker.dump()));
        assertEquals("{\"pid\":" + worker.pid() + ",\"webRtcServerIds\":[],\"routerIds\":[],"
                + "\"channelMessageHandlers\":{\"channelRequestHandlers\":[],\"channelNotificationHandlers\":[]}}", json);
    }

    @Test
    void routersAppearInDumpAndObserverAnnouncesThem() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        List<Router> announced = new ArrayList<>();
        worker.observer().on(Worker.NEW_ROUTER, announced::add);
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        assertEquals(List.of(router), announced);
        WorkerDump dump = result(worker.dump());
        assertEquals(List.of(router.id()), dump.routerIds());
        assertEquals(List.of(router.id()), dump.channelMessageHandlers().channelRequestHandlers());
    }

    @Test
    void closingClosesRoutersWithWorkercloseThenRejectsCalls() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        List<String> events = new ArrayList<>();
        router.events().on(Router.WORKER_CLOSE, v -> events.add("router workerclose"));
        router.observer().on(Router.CLOSE, v -> events.add("router observer close"));
        worker.observer().on(Worker.CLOSE, v -> events.add("worker observer close"));

        result(worker.close());

        assertEquals(List.of("router workerclose", "router observer close", "worker observer close"), events);
        assertTrue(worker.closed());
        assertTrue(router.closed());
        assertInstanceOf(InvalidStateError.class, failure(worker.dump()));
        assertInstanceOf(InvalidStateError.class, failure(worker.createRouter(RouterOptions.of(List.of()))));
        assertInstanceOf(InvalidStateError.class, failure(worker.getResourceUsage()));
        assertInstanceOf(InvalidStateError.class, failure(worker.updateSettings("debug", null)));
    }

    @Test
    void updateSettingsChangesLoggingAndRejectsBadValues() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));

        result(worker.updateSettings("debug", List.of("ice", "dtls")));
        assertEquals("debug", worker.settings().logLevel());
        assertEquals(List.of("ice", "dtls"), worker.settings().logTags());

        assertInstanceOf(TypeError.class, failure(worker.updateSettings("chicken", null)));
        assertInstanceOf(TypeError.class, failure(worker.updateSettings(null, List.of("chicken"))));
        assertEquals("debug", worker.settings().logLevel(), "a rejected update changes nothing");
        assertEquals(List.of("ice", "dtls"), worker.settings().logTags());
        result(worker.close());
    }

    @Test
    void resourceUsageReportsTheWorkerThread() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        WorkerResourceUsage usage = result(worker.getResourceUsage());
        assertTrue(usage.ru_maxrss() > 0, "maxrss " + usage.ru_maxrss());
        assertTrue(usage.ru_utime() >= 0 && usage.ru_stime() >= 0);
    }

    @Test
    void callsFromAnyThreadRunOnTheWorkerLoop() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        String first = result(worker.loop().call(() -> Thread.currentThread().getName()));
        String second = result(worker.loop().call(() -> Thread.currentThread().getName()));
        assertEquals(first, second);
        assertTrue(first.contains("eventloop"), first);
        assertTrue(result(worker.loop().call(worker.loop()::isCurrent)));
        assertFalse(worker.loop().isCurrent());
    }
}
