package io.tributary.pipe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final String SECRET = "a-cluster-secret-of-enough-bytes";
    private static final String PATH = "/internal/pipe/transports";
    private static final Buffer BODY = Buffer.buffer("{\"routerKey\":\"ns/room\"}");

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final RequestSigner signer = new RequestSigner(SECRET, 30_000, now::get);

    @Test
    void aFreshRequestSignedWithTheSecretPasses() {
        RequestSigner.Signature signature = signer.sign("POST", PATH, BODY);
        now.addAndGet(29_000);

        assertEquals(Optional.empty(), signer.verify("POST", PATH, signature.timestamp(), signature.signature(), BODY));
        assertEquals(64, signature.signature().length(), "hex of an HMAC-SHA256");
    }

    @Test
    void aStaleOrFutureTimestampIsRefused() {
        RequestSigner.Signature signature = signer.sign("GET", "/internal/pipe/ping", Buffer.buffer());
        now.addAndGet(30_001);
        String stale = signer.verify("GET", "/internal/pipe/ping", signature.timestamp(), signature.signature(),
                Buffer.buffer()).orElseThrow();
        now.addAndGet(-60_002);
        String early = signer.verify("GET", "/internal/pipe/ping", signature.timestamp(), signature.signature(),
                Buffer.buffer()).orElseThrow();

        assertTrue(stale.startsWith("stale request"), stale);
        assertTrue(early.startsWith("stale request"), early);
    }

    @Test
    void changingTheBodyThePathOrTheMethodBreaksTheSignature() {
        RequestSigner.Signature signature = signer.sign("POST", PATH, BODY);
        String ts = signature.timestamp();
        String sig = signature.signature();

        assertEquals(Optional.of("bad signature"),
                signer.verify("POST", PATH, ts, sig, Buffer.buffer("{\"routerKey\":\"ns/other\"}")));
        assertEquals(Optional.of("bad signature"), signer.verify("POST", PATH + "/x/connect", ts, sig, BODY));
        assertEquals(Optional.of("bad signature"), signer.verify("DELETE", PATH, ts, sig, BODY));
        assertEquals(Optional.of("bad signature"), signer.verify("POST", PATH, Long.toString(now.get() + 1), sig, BODY));
    }

    @Test
    void anotherSecretIsRefused() {
        RequestSigner.Signature signature = new RequestSigner("another-secret-of-enough-bytes", 30_000, now::get)
                .sign("POST", PATH, BODY);

        assertEquals(Optional.of("bad signature"),
                signer.verify("POST", PATH, signature.timestamp(), signature.signature(), BODY));
    }

    @Test
    void missingOrMalformedHeadersAreRefusedWithAReason() {
        RequestSigner.Signature signature = signer.sign("POST", PATH, BODY);

        assertTrue(signer.verify("POST", PATH, null, signature.signature(), BODY).orElseThrow().startsWith("missing"));
        assertTrue(signer.verify("POST", PATH, signature.timestamp(), null, BODY).orElseThrow().startsWith("missing"));
        assertEquals(Optional.of("malformed timestamp or signature"),
                signer.verify("POST", PATH, "yesterday", signature.signature(), BODY));
        assertEquals(Optional.of("malformed timestamp or signature"),
                signer.verify("POST", PATH, signature.timestamp(), "not-hex!", BODY));
        assertEquals(Optional.of("bad signature"),
                signer.verify("POST", PATH, signature.timestamp(), signature.signature().substring(2), BODY));
    }

    @Test
    void aShortSecretIsRejectedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RequestSigner("short"));
        assertTrue(e.getMessage().contains("at least 16 bytes"), e.getMessage());
    }
}
