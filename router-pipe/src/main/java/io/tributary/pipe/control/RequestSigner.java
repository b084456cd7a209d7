package io.tributary.pipe.control;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks node-to-node control requests with the cluster's shared secret: HMAC-SHA256 over
 * the method, the path, a millisecond timestamp and the body, so a request cannot be forged, altered or
 * replayed outside the allowed clock skew.
 */
public final class RequestSigner {

    public static final String TIMESTAMP_HEADER = "X-Tributary-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Tributary-Signature";
    /** Shorter secrets are refused: the secret is the whole of the API's protection. */
    public static final int MIN_SECRET_BYTES = 16;
    public static final long DEFAULT_MAX_SKEW_MS = 30_000;

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final long maxSkewMs;
    private final LongSupplier clock;

    public RequestSigner(String secret, long maxSkewMs, LongSupplier clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the cluster secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.maxSkewMs = maxSkewMs;
        this.clock = clock;
    }

    public RequestSigner(String secret) {
        this(secret, DEFAULT_MAX_SKEW_MS, System::currentTimeMillis);
    }

    /** The headers of one request, signed now. */
    public record Signature(String timestamp, String signature) {
    }

    public Signature sign(String method, String path, Buffer body) {
        String timestamp = Long.toString(clock.getAsLong());
        return new Signature(timestamp, HEX.formatHex(mac(method, path, timestamp, body)));
    }

    /** Why the request must be refused, or empty when its signature is good and fresh. */
    public Optional<String> verify(String method, String path, String timestamp, String signature, Buffer body) {
        if (timestamp == null || signature == null) {
            return Optional.of("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        long sentAt;
        byte[] given;
        try {
            sentAt = Long.parseLong(timestamp);
            given = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            return Optional.of("malformed timestamp or signature");
        }
        long skew = Math.abs(clock.getAsLong() - sentAt);
        if (skew > maxSkewMs) {
            return Optional.of("stale request: timestamp is " + skew + " ms away (at most " + maxSkewMs + " ms)");
        }
        if (!MessageDigest.isEqual(given, mac(method, path, timestamp, body))) {
            return Optional.of("bad signature");
        }
        return Optional.empty();
    }

    private byte[] mac(String method, String path, String timestamp, Buffer body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            String head = method.toUpperCase(Locale.ROOT) + "\n" + path + "\n" + timestamp + "\n";
            mac.update(head.getBytes(StandardCharsets.UTF_8));
            if (body != null && body.length() > 0) {
                mac.update(body.getBytes());
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
