package io.tributary.client.media.sfu;

import io.tributary.worker.ice.StunClass;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.ice.StunWriter;
import io.tributary.worker.ortc.IceParameters;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of hostile datagrams for the RFC 7983 ranges an SFU demultiplexes: STUN (with the
 * real ICE username fragments, so they reach the transports' ICE servers), DTLS records, RTP and RTCP,
 * noise, and mutations of captured packets. Nothing it makes can pass a connectivity check: requests
 * carrying a real password are broken elsewhere (bad FINGERPRINT, no FINGERPRINT, PRIORITY 0,
 * ICE-CONTROLLED, another method), and mutations always differ from the original.
 */
final class HostileDatagrams {

    private static final int[] ATTRIBUTE_TYPES = {0x0001, 0x0006, 0x0008, 0x0009, 0x0020, 0x0024, 0x0025, 0x8022,
            0x8028, 0x8029, 0x802A, 0xC001, 0x000A, 0x0014, 0x7FFF, 0xFFFF};

    private final Random random;
    private final List<IceParameters> ice;
    private final int[] ssrcs;

    /**
     * @param ice   credentials of the SFU's transports (requests use their ufrags, some their passwords)
     * @param ssrcs real SSRCs, used in a share of the RTP/RTCP headers
     */
    HostileDatagrams(long seed, List<IceParameters> ice, int[] ssrcs) {
        this.random = new Random(seed);
        this.ice = List.copyOf(ice);
        this.ssrcs = ssrcs.clone();
    }

    Random random() {
        return random;
    }

    // ---- STUN -----------------------------------------------------------------------------------

    /** A STUN-looking datagram (magic cookie in place) that must not validate anything. */
    byte[] stun() {
        IceParameters target = ice.get(random.nextInt(ice.size()));
        String ufrag = random.nextInt(8) == 0 ? randomToken(4 + random.nextInt(8)) : target.usernameFragment();
        String username = ufrag + ":" + randomToken(4 + random.nextInt(12));
        byte[] tid = bytes(StunMessage.TRANSACTION_ID_LENGTH);
        switch (random.nextInt(10)) {
            case 0: // wrong password: MESSAGE-INTEGRITY does not verify
                return request(tid, username, randomToken(22), random.nextBoolean(), false, true);
            case 1: { // right password, FINGERPRINT broken: must be dropped before ICE looks at it
                byte[] r = request(tid, username, target.password(), random.nextBoolean(), false, true);
                r[r.length - 1 - random.nextInt(4)] ^= (byte) (1 + random.nextInt(255));
                return r;
            }
            case 2: { // right password and a role conflict (487), or no FINGERPRINT (400)
                boolean fingerprint = random.nextBoolean();
                return request(tid, username, target.password(), random.nextBoolean(), fingerprint, fingerprint);
            }
            case 3: // huge attribute length
                return hugeAttribute(tid, username);
            case 4: { // header length that disagrees with the datagram
                byte[] r = request(tid, username, randomToken(22), true, false, true);
                int length = random.nextInt(65536);
                r[2] = (byte) (length >> 8);
                r[3] = (byte) length;
                return r;
            }
            case 5: { // truncated anywhere after the header
                byte[] r = request(tid, username, target.password(), true, false, true);
                return Arrays.copyOf(r, 20 + random.nextInt(r.length - 20));
            }
            case 6: // random attributes, USERNAME first so the demux routes it
                return randomAttributes(tid, username);
            case 7: // responses and indications: ICE only answers requests
                return otherClass(tid, username, target.password());
            case 8: // malformed USERNAMEs
                return oddUsername(tid);
            default: { // right password, PRIORITY 0 or another method
                byte[] r = request(tid, username, target.password(), true, false, true);
                if (random.nextBoolean()) {
                    return priorityZero(tid, username, target.password());
                }
                r[1] = (byte) ((r[1] & 0xF0) | (2 + random.nextInt(14)));
                return refingerprint(r);
            }
        }
    }

    private byte[] request(byte[] tid, String username, String password, boolean useCandidate, boolean controlled,
                           boolean fingerprint) {
        byte[] buf = new byte[512];
        StunWriter writer = new StunWriter()
                .begin(buf, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                .username(username)
                .priority(StunProbe.PRIORITY);
        if (controlled) {
            writer.iceControlled(random.nextLong());
        } else {
            writer.iceControlling(random.nextLong());
        }
        if (useCandidate) {
            writer.useCandidate();
        }
        writer.messageIntegrity(StunMessage.integrityMac(password));
        if (fingerprint) {
            writer.fingerprint();
        }
        return Arrays.copyOf(buf, writer.length());
    }

    private byte[] priorityZero(byte[] tid, String username, String password) {
        byte[] buf = new byte[512];
        int length = new StunWriter()
                .begin(buf, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                .username(username)
                .priority(0)
                .iceControlling(random.nextLong())
                .useCandidate()
                .messageIntegrity(StunMessage.integrityMac(password))
                .fingerprint()
                .length();
        return Arrays.copyOf(buf, length);
    }

    private byte[] hugeAttribute(byte[] tid, String username) {
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        int body = random.nextInt(4) == 0 ? 0 : 4 + ((name.length + 3) & ~3);
        byte[] r = new byte[20 + body + 4 + 4 * random.nextInt(8)];
        header(r, 0x0001, r.length - 20, tid);
        int pos = 20;
        if (body > 0) {
            attribute(r, pos, 0x0006, name.length);
            System.arraycopy(name, 0, r, pos + 4, name.length);
            pos += body;
        }
        int type = ATTRIBUTE_TYPES[random.nextInt(ATTRIBUTE_TYPES.length)];
        attribute(r, pos, type, 0xFFFF - random.nextInt(0x8000));
        return r;
    }

    private byte[] randomAttributes(byte[] tid, String username) {
        byte[] buf = new byte[1024];
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        int pos = 20;
        attribute(buf, pos, 0x0006, name.length);
        System.arraycopy(name, 0, buf, pos + 4, name.length);
        pos += 4 + ((name.length + 3) & ~3);
        int count = random.nextInt(12);
        for (int i = 0; i < count && pos < 900; i++) {
            int type = random.nextInt(3) == 0 ? random.nextInt(65536) : ATTRIBUTE_TYPES[random.nextInt(ATTRIBUTE_TYPES.length)];
            int length = random.nextInt(4) == 0 ? random.nextInt(64) : new int[] {0, 3, 4, 8, 12, 19, 20, 21}[random.nextInt(8)];
            length = Math.min(length, 1000 - pos - 4);
            attribute(buf, pos, type, length);
            for (int j = 0; j < length; j++) {
                buf[pos + 4 + j] = (byte) random.nextInt(256);
            }
            pos += 4 + ((length + 3) & ~3);
        }
        header(buf, random.nextInt(8) == 0 ? random.nextInt(0x4000) : 0x0001, pos - 20, tid);
        byte[] r = Arrays.copyOf(buf, pos);
        return random.nextBoolean() ? refingerprintAppended(r) : r;
    }

    private byte[] otherClass(byte[] tid, String username, String password) {
        byte[] buf = new byte[512];
        StunClass[] classes = {StunClass.INDICATION, StunClass.SUCCESS_RESPONSE, StunClass.ERROR_RESPONSE};
        StunWriter writer = new StunWriter()
                .begin(buf, 0, StunMessage.METHOD_BINDING, classes[random.nextInt(3)], tid, 0)
                .username(username)
                .priority(StunProbe.PRIORITY)
                .useCandidate();
        if (random.nextBoolean()) {
            writer.errorCode(400 + random.nextInt(200), "x");
        }
        writer.messageIntegrity(StunMessage.integrityMac(password)).fingerprint();
        return Arrays.copyOf(buf, writer.length());
    }

    private byte[] oddUsername(byte[] tid) {
        String[] names = {"", ":", ":abc", "nocolon", "x".repeat(600), "\u0000\u00ff:\u0001",
                ice.get(0).usernameFragment(), ice.get(0).usernameFragment() + ":"};
        byte[] buf = new byte[1024];
        int length = new StunWriter()
                .begin(buf, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                .username(names[random.nextInt(names.length)])
                .priority(StunProbe.PRIORITY)
                .messageIntegrity(StunMessage.integrityMac(randomToken(10)))
                .fingerprint()
                .length();
        return Arrays.copyOf(buf, length);
    }

    /** Recomputes a trailing FINGERPRINT after the message was altered, so the alteration itself is judged. */
    private static byte[] refingerprint(byte[] r) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(r, 0, r.length - 8);
        int value = (int) crc.getValue() ^ 0x5354554E;
        writeInt(r, r.length - 4, value);
        return r;
    }

    private static byte[] refingerprintAppended(byte[] r) {
        byte[] out = Arrays.copyOf(r, r.length + 8);
        int length = out.length - 20;
        out[2] = (byte) (length >> 8);
        out[3] = (byte) length;
        attribute(out, r.length, 0x8028, 4);
        return refingerprint(out);
    }

    private static void header(byte[] r, int type, int length, byte[] tid) {
        r[0] = (byte) (type >> 8);
        r[1] = (byte) type;
        r[2] = (byte) (length >> 8);
        r[3] = (byte) length;
        writeInt(r, 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(tid, 0, r, 8, 12);
    }

    private static void attribute(byte[] r, int pos, int type, int length) {
        r[pos] = (byte) (type >> 8);
        r[pos + 1] = (byte) type;
        r[pos + 2] = (byte) (length >> 8);
        r[pos + 3] = (byte) length;
    }

    // ---- DTLS -----------------------------------------------------------------------------------

    /** Records with content types 20..63 and bad lengths, plaintext alerts, handshakes, CCS, short ones. */
    byte[] dtls() {
        switch (random.nextInt(6)) {
            case 0: // a plaintext fatal alert in epoch 0
                return record(21, 0, new byte[] {2, (byte) random.nextInt(256)}, 2);
            case 1: // ChangeCipherSpec in epoch 0 or 1
                return record(20, random.nextInt(2), new byte[] {1}, 1);
            case 2: { // a handshake message (ClientHello, Finished...) with inconsistent inner lengths
                byte[] body = bytes(12 + random.nextInt(300));
                body[0] = (byte) new int[] {1, 2, 11, 12, 14, 16, 20, 0, 255}[random.nextInt(9)];
                return record(22, random.nextInt(3) == 0 ? 1 : 0, body, body.length);
            }
            case 3: { // several records in one datagram, the last one lying about its length
                byte[] a = record(23, 1, bytes(random.nextInt(100)), -1);
                byte[] b = record(20 + random.nextInt(44), random.nextInt(4), bytes(random.nextInt(100)),
                        random.nextInt(65536));
                byte[] out = Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, out, a.length, b.length);
                return out;
            }
            case 4: // shorter than a record header
                return withFirst(bytes(1 + random.nextInt(12)), 20 + random.nextInt(44));
            default: { // any content type, any epoch, any declared length
                int declared = random.nextInt(3) == 0 ? random.nextInt(65536) : -1;
                return record(20 + random.nextInt(44), random.nextInt(4) == 0 ? random.nextInt(65536) : 1,
                        bytes(random.nextInt(400)), declared);
            }
        }
    }

    /** A DTLS 1.2 record header and body; {@code declared < 0} writes the true length. */
    private byte[] record(int type, int epoch, byte[] body, int declared) {
        byte[] r = new byte[13 + body.length];
        r[0] = (byte) type;
        r[1] = (byte) 0xFE;
        r[2] = (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 0xFD);
        r[3] = (byte) (epoch >> 8);
        r[4] = (byte) epoch;
        for (int i = 5; i < 11; i++) {
            r[i] = (byte) random.nextInt(random.nextBoolean() ? 4 : 256);
        }
        int length = declared < 0 ? body.length : declared;
        r[11] = (byte) (length >> 8);
        r[12] = (byte) length;
        System.arraycopy(body, 0, r, 13, body.length);
        return r;
    }

    // ---- RTP / RTCP -----------------------------------------------------------------------------

    /** RTP-looking packets (first byte 128..191): CSRC counts, extensions and padding that lie, any length. */
    byte[] rtp() {
        int length = random.nextInt(6) == 0 ? random.nextInt(12) : 12 + random.nextInt(1200);
        byte[] p = bytes(length);
        if (length == 0) {
            return p;
        }
        p[0] = (byte) (0x80 | random.nextInt(64));
        if (length < 12) {
            return p;
        }
        p[1] = (byte) (random.nextInt(3) == 0 ? 96 + random.nextInt(16) : random.nextInt(256));
        if (random.nextBoolean()) {
            writeInt(p, 8, ssrcs[random.nextInt(ssrcs.length)]);
        }
        int cc = p[0] & 0x0F;
        int pos = 12 + 4 * cc;
        if ((p[0] & 0x10) != 0 && pos + 4 <= length) {
            int profile = new int[] {0xBEDE, 0x1000, 0x1001, random.nextInt(65536)}[random.nextInt(4)];
            int words = random.nextInt(3) == 0 ? random.nextInt(65536) : random.nextInt(8);
            p[pos] = (byte) (profile >> 8);
            p[pos + 1] = (byte) profile;
            p[pos + 2] = (byte) (words >> 8);
            p[pos + 3] = (byte) words;
        }
        if ((p[0] & 0x20) != 0) {
            p[length - 1] = (byte) (random.nextBoolean() ? 0 : random.nextInt(256));
        }
        return p;
    }

    /** RTCP-looking compound packets (types 192..223) with lying lengths and counts, plus an SRTCP-like trailer. */
    byte[] rtcp() {
        byte[] buf = new byte[1400];
        int pos = 0;
        int packets = 1 + random.nextInt(4);
        for (int i = 0; i < packets && pos < 1200; i++) {
            int words = random.nextInt(24);
            buf[pos] = (byte) (0x80 | random.nextInt(64));
            buf[pos + 1] = (byte) (random.nextInt(4) == 0 ? 192 + random.nextInt(32) : 200 + random.nextInt(8));
            int declared = random.nextInt(4) == 0 ? random.nextInt(65536) : words;
            buf[pos + 2] = (byte) (declared >> 8);
            buf[pos + 3] = (byte) declared;
            writeInt(buf, pos + 4, random.nextBoolean() ? ssrcs[random.nextInt(ssrcs.length)] : random.nextInt());
            for (int j = pos + 8; j < pos + 4 + 4 * words; j++) {
                buf[j] = (byte) random.nextInt(256);
            }
            if (words > 1 && random.nextBoolean()) {
                writeInt(buf, pos + 8, ssrcs[random.nextInt(ssrcs.length)]);
            }
            pos += 4 + 4 * Math.max(1, words);
        }
        int trailer = random.nextInt(3) == 0 ? random.nextInt(20) : 14;
        for (int j = 0; j < trailer; j++) {
            buf[pos + j] = (byte) random.nextInt(256);
        }
        pos += trailer;
        int cut = random.nextInt(8) == 0 ? random.nextInt(pos + 1) : pos;
        return Arrays.copyOf(buf, Math.max(cut, 1));
    }

    /** Random bytes of any length and first byte, now and then all zeros or all ones. */
    byte[] noise() {
        byte[] p = bytes(random.nextInt(1500));
        int fill = random.nextInt(20);
        if (fill == 0) {
            Arrays.fill(p, (byte) 0);
        } else if (fill == 1) {
            Arrays.fill(p, (byte) 0xFF);
        }
        return p;
    }

    // ---- plaintext for an authenticated peer --------------------------------------------------------

    /**
     * RTP whose header SRTP can still parse (CSRCs and the extension block fit) but whose insides lie:
     * extension elements of any id and length, the real or odd payload types and SSRCs, VP8 payload
     * descriptors cut anywhere, RTX without its original sequence number, padding counts of any size.
     */
    byte[] sanePlainRtp(int[] ssrcs, int[] payloadTypes) {
        byte[] p = new byte[1300];
        int cc = random.nextInt(8) == 0 ? random.nextInt(4) : 0;
        boolean extension = random.nextInt(4) != 0;
        boolean padding = random.nextInt(6) == 0;
        p[0] = (byte) (0x80 | (padding ? 0x20 : 0) | (extension ? 0x10 : 0) | cc);
        int pt = random.nextInt(10) == 0 ? random.nextInt(128) : payloadTypes[random.nextInt(payloadTypes.length)];
        p[1] = (byte) ((random.nextBoolean() ? 0x80 : 0) | pt);
        for (int i = 2; i < 8; i++) {
            p[i] = (byte) random.nextInt(256);
        }
        writeInt(p, 8, random.nextInt(10) == 0 ? strangerSsrc() : ssrcs[random.nextInt(ssrcs.length)]);
        int pos = 12;
        for (int i = 0; i < cc; i++, pos += 4) {
            writeInt(p, pos, random.nextInt());
        }
        if (extension) {
            int profile = new int[] {0xBEDE, 0xBEDE, 0xBEDE, 0x1000, random.nextInt(65536)}[random.nextInt(5)];
            int start = pos + 4;
            int at = start;
            int elements = random.nextInt(6);
            for (int e = 0; e < elements && at < start + 60; e++) {
                if (profile == 0x1000) {
                    int length = random.nextInt(12);
                    p[at] = (byte) random.nextInt(256);
                    p[at + 1] = (byte) (random.nextInt(6) == 0 ? random.nextInt(256) : length);
                    at += 2;
                    for (int i = 0; i < length; i++) {
                        p[at++] = (byte) random.nextInt(256);
                    }
                } else {
                    int id = 1 + random.nextInt(15);
                    int length = 1 + random.nextInt(16);
                    p[at++] = (byte) (id << 4 | (length - 1));
                    if (random.nextInt(5) == 0 && length <= 2) {
                        // a MID or RID that names a real stream, in its usual id
                        p[at - 1] = (byte) (new int[] {1, 10, 11}[random.nextInt(3)] << 4);
                        p[at++] = (byte) new char[] {'0', '1', 'r'}[random.nextInt(3)];
                        continue;
                    }
                    for (int i = 0; i < length; i++) {
                        p[at++] = (byte) random.nextInt(256);
                    }
                }
                if (random.nextInt(4) == 0) {
                    at++; // a padding byte between elements
                }
            }
            int words = (at - start + 3) / 4;
            p[pos] = (byte) (profile >> 8);
            p[pos + 1] = (byte) profile;
            p[pos + 2] = (byte) (words >> 8);
            p[pos + 3] = (byte) words;
            pos = start + 4 * words;
        }
        int payload;
        switch (random.nextInt(5)) {
            case 0 -> payload = 0;
            case 1 -> payload = random.nextInt(3);
            case 2 -> { // a VP8 payload descriptor with every optional field, cut anywhere
                int n = random.nextInt(7);
                p[pos] = (byte) (0x80 | random.nextInt(128));
                for (int i = 1; i < n; i++) {
                    p[pos + i] = (byte) (random.nextBoolean() ? 0xFF : random.nextInt(256));
                }
                payload = n;
            }
            default -> {
                payload = random.nextInt(1000);
                for (int i = 0; i < payload; i++) {
                    p[pos + i] = (byte) random.nextInt(256);
                }
            }
        }
        int length = pos + payload;
        if (padding) {
            length++;
            p[length - 1] = (byte) (random.nextBoolean() ? random.nextInt(256) : random.nextInt(4));
        }
        return Arrays.copyOf(p, length);
    }

    /**
     * An RTCP compound (it only has to start like RTCP to be protected) of SR, RR, SDES, BYE, APP,
     * NACK, transport-cc, PLI, FIR, REMB and XR packets naming real SSRCs, with counts and lengths
     * that may lie, padding, and truncation.
     */
    byte[] plainRtcp(int[] mediaSsrcs) {
        byte[] p = new byte[1200];
        int pos = 0;
        int packets = 1 + random.nextInt(5);
        for (int k = 0; k < packets && pos < 1000; k++) {
            int[] types = {200, 201, 202, 203, 204, 205, 205, 206, 206, 206, 207, 192 + random.nextInt(32)};
            int type = types[random.nextInt(types.length)];
            int fmt = switch (type) {
                case 205 -> new int[] {1, 15, random.nextInt(32)}[random.nextInt(3)];
                case 206 -> new int[] {1, 4, 15, random.nextInt(32)}[random.nextInt(4)];
                default -> random.nextInt(32);
            };
            int words = 1 + random.nextInt(random.nextBoolean() ? 6 : 40);
            p[pos] = (byte) (0x80 | (random.nextInt(10) == 0 ? 0x20 : 0) | fmt);
            p[pos + 1] = (byte) type;
            int declared = random.nextInt(8) == 0 ? random.nextInt(65536) : words;
            p[pos + 2] = (byte) (declared >> 8);
            p[pos + 3] = (byte) declared;
            for (int i = pos + 4; i < pos + 4 + 4 * words; i++) {
                p[i] = (byte) random.nextInt(256);
            }
            writeInt(p, pos + 4, random.nextInt(10) == 0 ? strangerSsrc() : mediaSsrcs[random.nextInt(mediaSsrcs.length)]);
            if (words >= 2) {
                writeInt(p, pos + 8, mediaSsrcs[random.nextInt(mediaSsrcs.length)]);
            }
            if (type == 206 && fmt == 15 && words >= 4) {
                p[pos + 12] = 'R';
                p[pos + 13] = 'E';
                p[pos + 14] = 'M';
                p[pos + 15] = 'B';
            }
            if (type == 206 && fmt == 4 && words >= 4) {
                writeInt(p, pos + 12, mediaSsrcs[random.nextInt(mediaSsrcs.length)]);
            }
            pos += 4 + 4 * words;
        }
        int cut = random.nextInt(10) == 0 ? 8 + random.nextInt(Math.max(1, pos - 8)) : pos;
        return Arrays.copyOf(p, cut);
    }

    /**
     * One of 64 SSRCs nobody uses: SRTP keeps a context per SSRC (at most 1024 per direction), so an
     * endless supply of random ones would only exhaust the sender's own session.
     */
    private int strangerSsrc() {
        return 0x5EED_0000 | random.nextInt(64);
    }

    // ---- mutations ------------------------------------------------------------------------------

    /**
     * A damaged copy of a real packet: flipped bits, cut, extended, overwritten, a new first byte,
     * SSRC or length field, a broken tail (auth tag), or spliced with another packet. Never identical.
     */
    byte[] mutate(byte[] original, byte[] other) {
        byte[] p;
        switch (random.nextInt(9)) {
            case 0: {
                p = original.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && p.length > 0; i++) {
                    p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                }
                break;
            }
            case 1:
                p = Arrays.copyOf(original, original.length == 0 ? 0 : random.nextInt(original.length));
                break;
            case 2:
                p = Arrays.copyOf(original, original.length + 1 + random.nextInt(64));
                for (int i = original.length; i < p.length; i++) {
                    p[i] = (byte) random.nextInt(256);
                }
                break;
            case 3: {
                p = original.clone();
                if (p.length > 0) {
                    int at = random.nextInt(p.length);
                    int end = Math.min(p.length, at + 1 + random.nextInt(16));
                    for (int i = at; i < end; i++) {
                        p[i] = (byte) random.nextInt(256);
                    }
                }
                break;
            }
            case 4:
                p = original.clone();
                if (p.length > 0) {
                    p[0] = (byte) ((p[0] & 0xC0) | random.nextInt(64));
                }
                break;
            case 5:
                p = original.clone();
                if (p.length >= 12) {
                    writeInt(p, 8, random.nextBoolean() ? random.nextInt() : ssrcs[random.nextInt(ssrcs.length)]);
                }
                break;
            case 6:
                p = original.clone();
                if (p.length >= 4) {
                    int length = random.nextInt(65536);
                    p[2] = (byte) (length >> 8);
                    p[3] = (byte) length;
                }
                break;
            case 7:
                p = original.clone();
                for (int i = Math.max(0, p.length - 1 - random.nextInt(16)); i < p.length; i++) {
                    p[i] = (byte) random.nextInt(256);
                }
                break;
            default: {
                int head = original.length == 0 ? 0 : random.nextInt(original.length);
                int tail = other.length == 0 ? 0 : random.nextInt(other.length);
                p = Arrays.copyOf(original, head + other.length - tail);
                System.arraycopy(other, tail, p, head, other.length - tail);
                break;
            }
        }
        if (Arrays.equals(p, original)) {
            if (p.length == 0) {
                return new byte[] {(byte) random.nextInt(256)};
            }
            p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return p;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] withFirst(byte[] p, int first) {
        p[0] = (byte) first;
        return p;
    }

    private String randomToken(int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
