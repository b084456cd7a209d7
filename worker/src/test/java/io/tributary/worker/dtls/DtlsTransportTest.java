package io.tributary.worker.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.FingerprintAlgorithm;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.srtp.SrtpSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.TlsTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** In-memory handshakes between two DtlsTransports: keys, profiles, roles, data, failures and timeouts. */
class DtlsTransportTest {

    private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    private static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();
    private static final long WAIT_SECONDS = 10;

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A is the DTLS server, B the client. */
    private static DtlsPair handshake(DtlsPair pair) {
        pair.a.start(DtlsRole.SERVER, CLIENT_CERT.fingerprints());
        pair.b.start(DtlsRole.CLIENT, SERVER_CERT.fingerprints());
        return pair;
    }

    @Test
    void bothSidesExportTheSameKeysAndPreferAes256Gcm() throws Exception {
        try (DtlsPair pair = handshake(new DtlsPair(SERVER_CERT, CLIENT_CERT))) {
            DtlsHandshakeResult server = await(pair.a.handshakeFuture());
            DtlsHandshakeResult client = await(pair.b.handshakeFuture());

            assertEquals(SrtpProfile.AEAD_AES_256_GCM, server.profile());
            assertEquals(SrtpProfile.AEAD_AES_256_GCM, client.profile());
            assertEquals(DtlsRole.SERVER, server.localRole());
            assertEquals(DtlsRole.CLIENT, client.localRole());
            assertEquals(server.localMasterKey(), client.remoteMasterKey());
            assertEquals(server.remoteMasterKey(), client.localMasterKey());
            assertNotEquals(server.localMasterKey(), server.remoteMasterKey());
            assertEquals(32, server.localMasterKey().key().length);
            assertEquals(12, server.localMasterKey().salt().length);

            assertEquals(CLIENT_CERT.certificatePem(), server.remoteCertificatePem());
            assertEquals(SERVER_CERT.certificatePem(), client.remoteCertificatePem());
            // RFC 8122: the strongest offered algorithm is the one checked.
            assertEquals(CLIENT_CERT.fingerprint(FingerprintAlgorithm.SHA_512), server.remoteFingerprint());

            assertEquals(DtlsState.CONNECTED, pair.a.state());
            assertEquals(List.of(DtlsState.CONNECTING, DtlsState.CONNECTED), pair.eventsA.states);
            assertEquals(server, await(pair.eventsA.connected));
            assertSrtpWorks(server, client);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void negotiatesWhateverProfileTheClientOffers(SrtpProfile profile) throws Exception {
        DtlsOptions clientOptions = DtlsOptions.defaults().withSrtpProfiles(List.of(profile));
        try (DtlsPair pair = handshake(new DtlsPair(SERVER_CERT, DtlsOptions.defaults(), CLIENT_CERT, clientOptions))) {
            DtlsHandshakeResult server = await(pair.a.handshakeFuture());
            DtlsHandshakeResult client = await(pair.b.handshakeFuture());
            assertEquals(profile, server.profile());
            assertEquals(profile, client.profile());
            assertEquals(profile.masterKeyLength(), client.localMasterKey().key().length);
            assertEquals(profile.masterSaltLength(), client.localMasterKey().salt().length);
            assertSrtpWorks(server, client);
        }
    }

    @Test
    void noCommonProfileFailsTheHandshake() throws Exception {
        DtlsOptions serverOptions = DtlsOptions.defaults().withSrtpProfiles(List.of(SrtpProfile.AEAD_AES_256_GCM));
        DtlsOptions clientOptions = DtlsOptions.defaults().withSrtpProfiles(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        try (DtlsPair pair = handshake(new DtlsPair(SERVER_CERT, serverOptions, CLIENT_CERT, clientOptions))) {
            assertEquals(DtlsState.FAILED, await(pair.eventsA.closedOrFailed));
            assertEquals(DtlsState.FAILED, await(pair.eventsB.closedOrFailed));
        }
    }

    private static void assertSrtpWorks(DtlsHandshakeResult server, DtlsHandshakeResult client) {
        SrtpSession serverSrtp = server.newSrtpSession();
        SrtpSession clientSrtp = client.newSrtpSession();
        byte[] rtp = new byte[100];
        new Random(1).nextBytes(rtp);
        rtp[0] = (byte) 0x80;
        byte[] buf = Arrays.copyOf(rtp, 100 + serverSrtp.rtpOverhead());
        int len = serverSrtp.protectRtp(buf, 0, 100);
        assertEquals(100, clientSrtp.unprotectRtp(buf, 0, len));
        assertArrayEquals(rtp, Arrays.copyOf(buf, 100));
        len = clientSrtp.protectRtp(buf, 0, 100);
        assertEquals(100, serverSrtp.unprotectRtp(buf, 0, len));
    }

    @Test
    void connectResolvesRolesAsMediasoup() throws Exception {
        try (DtlsPair pair = new DtlsPair(SERVER_CERT, CLIENT_CERT)) {
            pair.a.connect(new DtlsParameters(DtlsRole.CLIENT, CLIENT_CERT.fingerprints()));
            pair.b.connect(new DtlsParameters(DtlsRole.AUTO, SERVER_CERT.fingerprints()));
            assertEquals(DtlsRole.SERVER, pair.a.role());
            assertEquals(DtlsRole.CLIENT, pair.b.role());
            assertEquals(DtlsRole.SERVER, await(pair.a.handshakeFuture()).localRole());
            assertEquals(DtlsRole.CLIENT, await(pair.b.handshakeFuture()).localRole());
        }
        assertEquals(DtlsRole.CLIENT, DtlsTransport.localRoleFor(DtlsRole.SERVER));
        assertEquals(DtlsRole.CLIENT, DtlsTransport.localRoleFor(DtlsRole.AUTO));
        assertEquals(DtlsRole.SERVER, DtlsTransport.localRoleFor(DtlsRole.CLIENT));
    }

    @Test
    void applicationDataFlowsAndCloseNotifyClosesThePeer() throws Exception {
        try (DtlsPair pair = handshake(new DtlsPair(SERVER_CERT, CLIENT_CERT))) {
            await(pair.a.handshakeFuture());
            await(pair.b.handshakeFuture());

            byte[] hello = "sctp from server".getBytes(StandardCharsets.UTF_8);
            pair.a.send(hello, 0, hello.length);
            assertArrayEquals(hello, pair.eventsB.nextData());
            byte[] big = new byte[1100];
            new Random(2).nextBytes(big);
            pair.b.send(big, 0, big.length);
            assertArrayEquals(big, pair.eventsA.nextData());

            pair.a.close();
            assertEquals(DtlsState.CLOSED, pair.a.state());
            assertEquals(DtlsState.CLOSED, await(pair.eventsB.closedOrFailed));
            assertEquals(DtlsState.CLOSED, pair.b.state());
            assertFalse(pair.eventsA.states.contains(DtlsState.CLOSED), "no event for the owner's own close");
            assertThrows(InvalidStateError.class, () -> pair.b.send(hello, 0, hello.length));
        }
    }

    @Test
    void garbageAfterTheHandshakeIsIgnored() throws Exception {
        try (DtlsPair pair = handshake(new DtlsPair(SERVER_CERT, CLIENT_CERT))) {
            await(pair.a.handshakeFuture());
            await(pair.b.handshakeFuture());
            Random random = new Random(3);
            for (int i = 0; i < 200; i++) {
                byte[] garbage = new byte[random.nextInt(200)];
                random.nextBytes(garbage);
                if (garbage.length > 0) {
                    garbage[0] = (byte) (20 + random.nextInt(4));
                }
                pair.a.feed(garbage, 0, garbage.length);
            }
            pair.a.feed(null, 0, 10);
            assertEquals(DtlsState.CONNECTED, pair.a.state());
            byte[] ping = {1, 2, 3};
            pair.b.send(ping, 0, ping.length);
            assertArrayEquals(ping, pair.eventsA.nextData());
        }
    }

    /**
     * Records of the current epoch that are too short for the cipher's nonce and tag used to be fatal in
     * BouncyCastle (decode_error), so one forged datagram from the peer's address ended a connected
     * transport, and the peer with it. They must be discarded like records with a bad MAC, and counted.
     */
    @Test
    void forgedRecordsOfTheCurrentEpochAreDiscardedAndCounted() throws Exception {
        try (DtlsPair pair = handshake(new DtlsPair(SERVER_CERT, CLIENT_CERT))) {
            await(pair.a.handshakeFuture());
            await(pair.b.handshakeFuture());
            int forged = 0;
            for (int type : new int[] {20, 21, 22, 23, 24}) {
                for (int length = 0; length <= 40; length++) {
                    byte[] record = record(type, 1, 1000 + forged, length);
                    pair.a.feed(record, 0, record.length);
                    forged++;
                }
            }
            assertEquals(DtlsState.CONNECTED, pair.a.state());
            assertEquals(forged, pair.a.discardedRecords());
            byte[] ping = {1, 2, 3};
            pair.b.send(ping, 0, ping.length);
            assertArrayEquals(ping, pair.eventsA.nextData());
            pair.a.send(ping, 0, ping.length);
            assertArrayEquals(ping, pair.eventsB.nextData());
            assertFalse(pair.eventsA.closedOrFailed.isDone() || pair.eventsB.closedOrFailed.isDone());
        }
    }

    /**
     * A record header with the reserved version {0xFE, 0xFE} made BouncyCastle throw an
     * IllegalArgumentException, which it turns into a fatal internal_error; datagrams that are not whole
     * records are as suspect. Both are dropped before BouncyCastle sees them, and counted.
     */
    @Test
    void datagramsThatAreNotWholeReadableRecordsAreDiscardedAndCounted() throws Exception {
        try (DtlsPair pair = handshake(new DtlsPair(SERVER_CERT, CLIENT_CERT))) {
            await(pair.a.handshakeFuture());
            await(pair.b.handshakeFuture());
            byte[] reserved = record(23, 1, 2000, 40);
            reserved[2] = (byte) 0xFE;
            byte[] truncated = Arrays.copyOf(record(23, 1, 2001, 40), 13 + 39);
            byte[] twoRecords = record(23, 1, 2002, 40);
            byte[] second = Arrays.copyOf(record(22, 0, 7, 30), 13 + 30 + 1);
            byte[] trailing = Arrays.copyOf(twoRecords, twoRecords.length + second.length);
            System.arraycopy(second, 0, trailing, twoRecords.length, second.length);
            byte[] shortTail = Arrays.copyOf(record(23, 1, 2003, 40), 13 + 40 + 5);
            for (byte[] datagram : List.of(reserved, truncated, trailing, shortTail)) {
                assertFalse(DtlsTransport.wellFramed(datagram, 0, datagram.length));
                pair.a.feed(datagram, 0, datagram.length);
            }
            assertEquals(DtlsState.CONNECTED, pair.a.state());
            assertEquals(4, pair.a.discardedRecords());
            byte[] ping = {4, 5, 6};
            pair.b.send(ping, 0, ping.length);
            assertArrayEquals(ping, pair.eventsA.nextData());
            assertFalse(pair.eventsA.closedOrFailed.isDone() || pair.eventsB.closedOrFailed.isDone());
        }
    }

    /** A DTLS 1.2 record of random content with the given type, epoch, sequence number and length. */
    private static byte[] record(int type, int epoch, int sequence, int length) {
        byte[] record = new byte[13 + length];
        new Random(sequence).nextBytes(record);
        record[0] = (byte) type;
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        record[3] = (byte) (epoch >> 8);
        record[4] = (byte) epoch;
        Arrays.fill(record, 5, 9, (byte) 0);
        record[9] = (byte) (sequence >> 8);
        record[10] = (byte) sequence;
        record[11] = (byte) (length >> 8);
        record[12] = (byte) length;
        return record;
    }

    @Test
    void serverRejectsAClientWithAnotherCertificate() throws Exception {
        try (DtlsPair pair = new DtlsPair(SERVER_CERT, CLIENT_CERT)) {
            pair.a.start(DtlsRole.SERVER, List.of(SERVER_CERT.fingerprint(FingerprintAlgorithm.SHA_256)));
            pair.b.start(DtlsRole.CLIENT, SERVER_CERT.fingerprints());
            assertFailed(pair);
        }
    }

    @Test
    void clientRejectsAnImpostorServer() throws Exception {
        try (DtlsPair pair = new DtlsPair(SERVER_CERT, CLIENT_CERT)) {
            pair.a.start(DtlsRole.SERVER, CLIENT_CERT.fingerprints());
            pair.b.start(DtlsRole.CLIENT, List.of(CLIENT_CERT.fingerprint(FingerprintAlgorithm.SHA_256)));
            assertFailed(pair);
        }
    }

    private static void assertFailed(DtlsPair pair) throws Exception {
        assertEquals(DtlsState.FAILED, await(pair.eventsA.closedOrFailed));
        assertEquals(DtlsState.FAILED, await(pair.eventsB.closedOrFailed));
        assertThrows(ExecutionException.class, () -> await(pair.a.handshakeFuture()));
        assertThrows(ExecutionException.class, () -> await(pair.b.handshakeFuture()));
        assertFalse(pair.eventsA.connected.isDone());
        assertFalse(pair.eventsB.connected.isDone());
    }

    @Test
    void handshakeTimesOutWhenThePeerIsSilent() throws Exception {
        DtlsOptions quick = DtlsOptions.defaults().withHandshakeTimeout(Duration.ofMillis(300));
        try (DtlsPair pair = new DtlsPair(SERVER_CERT, quick, CLIENT_CERT, quick)) {
            pair.cut();
            pair.a.start(DtlsRole.SERVER, CLIENT_CERT.fingerprints());
            pair.b.start(DtlsRole.CLIENT, SERVER_CERT.fingerprints());
            for (DtlsTransport transport : List.of(pair.a, pair.b)) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> await(transport.handshakeFuture()));
                assertTrue(hasCause(failure, TlsTimeoutException.class), failure.toString());
                assertEquals(DtlsState.FAILED, transport.state());
            }
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void closingDuringTheHandshakeCancelsIt() throws Exception {
        try (DtlsPair pair = new DtlsPair(SERVER_CERT, CLIENT_CERT)) {
            pair.a.start(DtlsRole.SERVER, CLIENT_CERT.fingerprints());
            pair.a.close();
            assertThrows(CancellationException.class, () -> await(pair.a.handshakeFuture()));
            assertEquals(DtlsState.CLOSED, pair.a.state());
            assertEquals(List.of(DtlsState.CONNECTING), pair.eventsA.states);
        }
    }

    @Test
    void rejectsMisuse() {
        try (DtlsPair pair = new DtlsPair(SERVER_CERT, CLIENT_CERT)) {
            byte[] data = {1};
            assertThrows(InvalidStateError.class, () -> pair.a.send(data, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> pair.a.start(DtlsRole.AUTO, CLIENT_CERT.fingerprints()));
            assertThrows(IllegalArgumentException.class, () -> pair.a.start(DtlsRole.SERVER, List.of()));
            pair.a.start(DtlsRole.SERVER, CLIENT_CERT.fingerprints());
            assertThrows(InvalidStateError.class, () -> pair.a.start(DtlsRole.SERVER, CLIENT_CERT.fingerprints()));
        }
    }

    @Test
    void classifiesDtlsRecords() {
        byte[] handshake = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertTrue(DtlsTransport.isDtls(handshake, 0, handshake.length));
        assertFalse(DtlsTransport.isDtls(handshake, 0, 12));
        assertFalse(DtlsTransport.isDtls(new byte[] {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 0, 0, 0, 0, 0}, 0, 13));
        assertFalse(DtlsTransport.isDtls(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 13));
        assertFalse(DtlsTransport.isDtls(handshake, 5, 13));
    }
}
