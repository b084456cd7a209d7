package io.tributary.worker.srtp;

import java.util.Arrays;
import java.util.Random;

import io.tributary.worker.testing.Hex;

/** libsrtp's reference packets (srtp_driver.c), free of JUnit so a plain child JVM can check them too. */
final class SrtpTestVectors {

    /** libsrtp's srtp_validate(): RFC 3711 B.3 master key and salt, SSRC 0xcafebabe, seq 0x1234. */
    static final SrtpMasterKey CM_KEY = new SrtpMasterKey(
            Hex.bytes("e1f97a0d3e018be0d64fa32c06de4139"), Hex.bytes("0ec675ad498afeebb6960b3aabe6"));
    static final byte[] RTP_PLAIN = Hex.bytes("800f1234decafbadcafebabe abababababababababababababababab");
    static final byte[] CM_SRTP = Hex.bytes(
            "800f1234decafbadcafebabe 4e55dc4ce79978d88ca4d215949d2402 b78d6acc99ea179b8dbb");
    static final byte[] RTCP_PLAIN = Hex.bytes("81c8000bcafebabe abababababababababababababababab");
    static final byte[] CM_SRTCP = Hex.bytes(
            "81c8000bcafebabe 7128035be487b9bdbef89041f977a5a8 80000001 993e08cd54d6c1230798");

    /** libsrtp's srtp_validate_gcm(): AEAD_AES_128_GCM on the same plaintexts. */
    static final SrtpMasterKey GCM_KEY = new SrtpMasterKey(
            Hex.bytes("000102030405060708090a0b0c0d0e0f"), Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaab"));
    static final byte[] GCM_SRTP = Hex.bytes(
            "800f1234decafbadcafebabe c5002ede04cfdd2eb91159e0880aa06e d2976826f796b201df3131a127e8a392");
    static final byte[] GCM_SRTCP = Hex.bytes(
            "81c8000bcafebabe c98b8b5df0392a55852b6c21ac8e7025 c52c6fbea2b3b446ea31123ba88ce61e 80000001");

    private SrtpTestVectors() {
    }

    /** Protects and unprotects the reference packets; returns a problem description or {@code null}. */
    static String check(SrtpProfile profile, SrtpMasterKey key, byte[] srtp, byte[] srtcp) {
        SrtpSession session = new SrtpSession(profile, key, key);
        byte[] buf = Arrays.copyOf(RTP_PLAIN, 64);
        int len = session.protectRtp(buf, 0, RTP_PLAIN.length);
        if (len != srtp.length || !Arrays.equals(srtp, Arrays.copyOf(buf, len))) {
            return profile + " SRTP protect differs from the reference";
        }
        byte[] received = srtp.clone();
        len = session.unprotectRtp(received, 0, received.length);
        if (len != RTP_PLAIN.length || !Arrays.equals(RTP_PLAIN, Arrays.copyOf(received, len))) {
            return profile + " SRTP unprotect failed: " + SrtpStatus.describe(len);
        }
        byte[] rtcp = srtcp.clone();
        len = session.unprotectRtcp(rtcp, 0, rtcp.length);
        if (len != RTCP_PLAIN.length || !Arrays.equals(RTCP_PLAIN, Arrays.copyOf(rtcp, len))) {
            return profile + " SRTCP unprotect failed: " + SrtpStatus.describe(len);
        }
        // libsrtp numbers SRTCP from 1 and jitsi-srtp from 0, so the reference is our second packet.
        byte[] out = new byte[64];
        for (int i = 0; i < 2; i++) {
            System.arraycopy(RTCP_PLAIN, 0, out, 0, RTCP_PLAIN.length);
            len = session.protectRtcp(out, 0, RTCP_PLAIN.length);
        }
        if (len != srtcp.length || !Arrays.equals(srtcp, Arrays.copyOf(out, len))) {
            return profile + " SRTCP protect differs from the reference";
        }
        return null;
    }

    /** A random RTP packet, optionally with a one-word one-byte-header extension. */
    static byte[] rtp(Random random, int ssrc, int seq, int payloadLength, boolean withExtension) {
        int header = withExtension ? 20 : 12;
        byte[] packet = new byte[header + payloadLength];
        random.nextBytes(packet);
        packet[0] = (byte) (withExtension ? 0x90 : 0x80);
        packet[1] = 96;
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        writeInt(packet, 8, ssrc);
        if (withExtension) {
            packet[12] = (byte) 0xBE;
            packet[13] = (byte) 0xDE;
            packet[14] = 0;
            packet[15] = 1;
        }
        return packet;
    }

    /** A random RTCP packet (SR type) of {@code length} bytes, a multiple of four. */
    static byte[] rtcp(Random random, int ssrc, int length) {
        byte[] packet = new byte[length];
        random.nextBytes(packet);
        packet[0] = (byte) 0x80;
        packet[1] = (byte) 200;
        packet[2] = (byte) ((length / 4 - 1) >> 8);
        packet[3] = (byte) (length / 4 - 1);
        writeInt(packet, 4, ssrc);
        return packet;
    }

    private static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
