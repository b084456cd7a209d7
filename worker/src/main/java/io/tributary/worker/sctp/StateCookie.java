package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The state cookie of a stateless INIT ACK (RFC 9260 §5.1.3): what the peer's INIT said, our tag and the
 * creation time, authenticated with HMAC-SHA256 under a secret of this association, valid for a lifetime.
 */
record StateCookie(int localTag, int peerTag, int peerInitialTsn, long peerWindow, int peerOutboundStreams,
        int peerInboundStreams, boolean peerForwardTsn, boolean peerReconfig, long createdMillis) {

    static final long LIFETIME_MILLIS = 60_000;
    private static final int BODY = 4 + 4 + 4 + 4 + 2 + 2 + 1 + 8;
    private static final int MAC = 32;

    static StateCookie fromInit(int localTag, InitChunk init, long now) {
        return new StateCookie(localTag, init.initiateTag(), init.initialTsn(), init.advertisedWindow(),
                init.outboundStreams(), init.inboundStreams(), init.forwardTsn(), init.reconfig(), now);
    }

    /** Signs and verifies cookies with one random secret. */
    static final class Codec {

        private final Mac mac;

        Codec() {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
            }
        }

        byte[] encode(StateCookie cookie) {
            byte[] out = new byte[BODY + MAC];
            BigEndian.put32(out, 0, cookie.localTag);
            BigEndian.put32(out, 4, cookie.peerTag);
            BigEndian.put32(out, 8, cookie.peerInitialTsn);
            BigEndian.put32(out, 12, cookie.peerWindow);
            BigEndian.put16(out, 16, cookie.peerOutboundStreams);
            BigEndian.put16(out, 18, cookie.peerInboundStreams);
            out[20] = (byte) ((cookie.peerForwardTsn ? 1 : 0) | (cookie.peerReconfig ? 2 : 0));
            BigEndian.put32(out, 21, cookie.createdMillis >>> 32);
            BigEndian.put32(out, 25, cookie.createdMillis);
            mac.update(out, 0, BODY);
            try {
                mac.doFinal(out, BODY);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the output array has room for the MAC", e);
            }
            return out;
        }

        /** The cookie if it is ours, intact and not older than its lifetime; null otherwise. */
        StateCookie decode(byte[] data, long now) {
            if (data.length != BODY + MAC) {
                return null;
            }
            mac.update(data, 0, BODY);
            byte[] expected = mac.doFinal();
            byte[] actual = new byte[MAC];
            System.arraycopy(data, BODY, actual, 0, MAC);
            if (!MessageDigest.isEqual(expected, actual)) {
                return null;
            }
            long created = BigEndian.u32(data, 21) << 32 | BigEndian.u32(data, 25);
            if (now - created > LIFETIME_MILLIS || created - now > LIFETIME_MILLIS) {
                return null;
            }
            return new StateCookie(BigEndian.i32(data, 0), BigEndian.i32(data, 4), BigEndian.i32(data, 8),
                    BigEndian.u32(data, 12), BigEndian.u16(data, 16), BigEndian.u16(data, 18), (data[20] & 1) != 0,
                    (data[20] & 2) != 0, created);
        }
    }
}
