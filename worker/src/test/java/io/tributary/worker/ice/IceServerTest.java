package io.tributary.worker.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.ortc.IceParameters;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ICE-lite state machine: error codes, nomination, tuples, restartIce and consent freshness. */
class IceServerTest {

    private static final IceParameters LOCAL = new IceParameters("localufrag", "localpassword0123456789", true);
    private static final String REMOTE_UFRAG = "rmt";

    private final Recorder recorder = new Recorder();
    private final IceServer<String> server = new IceServer<>(LOCAL, 30, recorder);
    private final StunMessage response = new StunMessage();

    /** Builds client Binding requests; each field can be dropped or spoiled to provoke an error. */
    private static final class Request {
        String username = LOCAL.usernameFragment() + ":" + REMOTE_UFRAG;
        String password = LOCAL.password();
        boolean priority = true;
        boolean integrity = true;
        boolean fingerprint = true;
        boolean useCandidate;
        boolean controlled;
        Long nomination;
        int method = StunMessage.METHOD_BINDING;
        StunClass messageClass = StunClass.REQUEST;
        final byte[] tid = new byte[12];

        Request() {
            new Random().nextBytes(tid);
        }

        byte[] encode() {
            byte[] out = new byte[256];
            StunWriter w = new StunWriter().begin(out, 0, method, messageClass, tid, 0);
            if (username != null) {
                w.username(username);
            }
            if (priority) {
                w.priority(1853824767L);
            }
            if (controlled) {
                w.iceControlled(42);
            } else {
                w.iceControlling(42);
            }
            if (useCandidate) {
                w.useCandidate();
            }
            if (nomination != null) {
                w.nomination(nomination);
            }
            if (integrity) {
                w.messageIntegrity(StunMessage.integrityMac(password));
            }
            if (fingerprint) {
                w.fingerprint();
            }
            return Arrays.copyOf(out, w.length());
        }
    }

    /** Records every callback as a readable line, and the last response sent. */
    private static final class Recorder implements IceServer.Listener<String> {
        final List<String> events = new ArrayList<>();
        byte[] lastSent;
        String lastSentTuple;

        @Override
        public void onSendStun(byte[] buf, int off, int len, String tuple) {
            lastSent = Arrays.copyOfRange(buf, off, off + len);
            lastSentTuple = tuple;
        }

        @Override
        public void onStateChange(IceState state) {
            events.add("state " + state.value());
        }

        @Override
        public void onSelectedTupleChange(String tuple) {
            events.add("selected " + tuple);
        }

        @Override
        public void onTupleAdded(String tuple) {
            events.add("added " + tuple);
        }

        @Override
        public void onTupleRemoved(String tuple) {
            events.add("removed " + tuple);
        }

        @Override
        public void onLocalUsernameFragmentAdded(String ufrag) {
            events.add("ufrag+ " + ufrag);
        }

        @Override
        public void onLocalUsernameFragmentRemoved(String ufrag) {
            events.add("ufrag- " + ufrag);
        }
    }

    private static InetSocketAddress remoteOf(String tuple) {
        return new InetSocketAddress("10.0.0." + (tuple.hashCode() & 0x7F), 40000 + (tuple.hashCode() & 0xFF));
    }

    /** Sends a request on a tuple and returns the response's error code (0 for success). */
    private int send(Request request, String tuple, long nowMs) {
        recorder.lastSent = null;
        byte[] wire = request.encode();
        boolean accepted = server.processStun(wire, 0, wire.length, tuple, remoteOf(tuple), nowMs);
        if (recorder.lastSent == null) {
            assertFalse(accepted, "a request that got no answer counts as dropped");
            return -1;
        }
        assertEquals(tuple, recorder.lastSentTuple);
        assertEquals(StunParseResult.OK, response.parse(recorder.lastSent, 0, recorder.lastSent.length));
        assertEquals(hex(request.tid), hex(response.transactionId()));
        boolean success = response.messageClass() == StunClass.SUCCESS_RESPONSE;
        assertEquals(success, accepted, "only a request answered with success is accepted");
        return success ? 0 : response.errorCode();
    }

    private static String hex(byte[] b) {
        return io.tributary.worker.testing.Hex.string(b, 0, b.length);
    }

    private Request nominating() {
        Request r = new Request();
        r.useCandidate = true;
        return r;
    }

    @Test
    void firstValidCheckConnectsAndAnswersWithMappedAddressAndIntegrity() {
        assertEquals(List.of("ufrag+ localufrag"), recorder.events);
        assertEquals(IceState.NEW, server.state());

        assertEquals(0, send(new Request(), "A", 0));

        assertEquals(IceState.CONNECTED, server.state());
        assertEquals("A", server.selectedTuple());
        assertEquals(List.of("ufrag+ localufrag", "added A", "selected A", "state connected"), recorder.events);
        assertEquals(remoteOf("A"), response.xorMappedAddress());
        assertTrue(response.hasFingerprint());
        assertTrue(response.checkMessageIntegrity(StunMessage.integrityMac(LOCAL.password())));
        assertTrue(server.isValidTuple("A"));
        assertFalse(server.isValidTuple("B"));
    }

    @Test
    void useCandidateCompletesAndSelects() {
        assertEquals(0, send(nominating(), "A", 0));
        assertEquals(IceState.COMPLETED, server.state());
        assertEquals("A", server.selectedTuple());
        assertEquals(List.of("added A", "selected A", "state completed"), recorder.events.subList(1, 4));
    }

    @Test
    void badRequestsGet400() {
        Request noUsername = new Request();
        noUsername.username = null;
        Request noIntegrity = new Request();
        noIntegrity.integrity = false;
        Request noPriority = new Request();
        noPriority.priority = false;
        Request noFingerprint = new Request();
        noFingerprint.fingerprint = false;
        Request otherMethod = new Request();
        otherMethod.method = 0x003;
        for (Request bad : List.of(noUsername, noIntegrity, noPriority, noFingerprint, otherMethod)) {
            assertEquals(400, send(bad, "A", 0));
            assertFalse(response.hasMessageIntegrity());
        }

    }

    @Test
    void aRequestWhoseFingerprintDoesNotVerifyIsDroppedSilently() {
        byte[] wire = new Request().encode();
        wire[wire.length - 1] ^= 1;
        assertFalse(server.processStun(wire, 0, wire.length, "A", remoteOf("A"), 0));
        assertEquals(null, recorder.lastSent, "mediasoup does not answer a corrupted FINGERPRINT");
        assertEquals(IceState.NEW, server.state());
        assertTrue(server.tuples().isEmpty());
    }

    @Test
    void wrongCredentialsGet401() {
        Request wrongUfrag = new Request();
        wrongUfrag.username = "otherufrag:" + REMOTE_UFRAG;
        Request wrongPassword = new Request();
        wrongPassword.password = "not-the-password";
        Request ufragOnly = new Request();
        ufragOnly.username = LOCAL.usernameFragment();
        for (Request bad : List.of(wrongUfrag, wrongPassword, ufragOnly)) {
            assertEquals(401, send(bad, "A", 0));
        }
        assertEquals(IceState.NEW, server.state());
    }

    @Test
    void controlledPeerGetsRoleConflict() {
        Request controlled = new Request();
        controlled.controlled = true;
        assertEquals(487, send(controlled, "A", 0));
        assertFalse(response.hasMessageIntegrity(), "mediasoup sends 487 without MESSAGE-INTEGRITY");
        assertEquals(IceState.NEW, server.state());
    }

    @Test
    void indicationsAndGarbageAreIgnored() {
        Request indication = new Request();
        indication.messageClass = StunClass.INDICATION;
        assertEquals(-1, send(indication, "A", 0));
        byte[] garbage = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2};
        assertFalse(server.processStun(garbage, 0, garbage.length, "A", remoteOf("A"), 0));
        assertNull(recorder.lastSent);
        assertEquals(IceState.NEW, server.state());
    }

    @Test
    void nominationMovesTheSelectedTupleBetweenTuples() {
        assertEquals(0, send(new Request(), "A", 0));
        assertEquals(0, send(new Request(), "B", 0));
        assertEquals(IceState.CONNECTED, server.state());
        assertEquals("A", server.selectedTuple());
        assertEquals(List.of("B", "A"), server.tuples());

        assertEquals(0, send(nominating(), "B", 0));
        assertEquals(IceState.COMPLETED, server.state());
        assertEquals("B", server.selectedTuple());

        recorder.events.clear();
        assertEquals(0, send(nominating(), "A", 0));
        assertEquals("A", server.selectedTuple());
        assertEquals(List.of("selected A"), recorder.events);
    }

    @Test
    void renominationOnlyFollowsIncreasingValues() {
        Request first = new Request();
        first.nomination = 2L;
        assertEquals(0, send(first, "A", 0));
        assertEquals(IceState.COMPLETED, server.state());

        Request stale = new Request();
        stale.nomination = 1L;
        assertEquals(0, send(stale, "B", 0));
        assertEquals("A", server.selectedTuple());

        Request fresh = new Request();
        fresh.nomination = 3L;
        assertEquals(0, send(fresh, "B", 0));
        assertEquals("B", server.selectedTuple());
    }

    @Test
    void restartIceKeepsOldCredentialsUntilTheNewOnesAreUsed() {
        send(nominating(), "A", 0);
        IceParameters fresh = server.restartIce(1000);
        assertNotEquals(LOCAL.usernameFragment(), fresh.usernameFragment());
        assertEquals(32, fresh.usernameFragment().length());
        assertEquals(32, fresh.password().length());
        assertTrue(fresh.iceLite());
        assertEquals(fresh, server.parameters());
        assertEquals(31_000, server.consentDeadlineMs());

        assertEquals(0, send(new Request(), "A", 2000));
        assertTrue(response.checkMessageIntegrity(StunMessage.integrityMac(LOCAL.password())));

        Request renewed = new Request();
        renewed.username = fresh.usernameFragment() + ":" + REMOTE_UFRAG;
        renewed.password = fresh.password();
        recorder.events.clear();
        assertEquals(0, send(renewed, "A", 3000));
        assertTrue(response.checkMessageIntegrity(StunMessage.integrityMac(fresh.password())));
        assertEquals(List.of("ufrag- localufrag"), recorder.events);

        assertEquals(401, send(new Request(), "A", 4000));
    }

    @Test
    void consentExpiryDisconnectsAndANewCheckRecovers() {
        assertEquals(0, send(nominating(), "A", 0));
        assertEquals(30_000, server.consentDeadlineMs());
        server.onTimer(29_999);
        assertEquals(IceState.COMPLETED, server.state());

        assertEquals(0, send(new Request(), "A", 20_000));
        server.onTimer(49_999);
        assertEquals(IceState.COMPLETED, server.state());

        recorder.events.clear();
        server.onTimer(50_000);
        assertEquals(IceState.DISCONNECTED, server.state());
        assertNull(server.selectedTuple());
        assertTrue(server.tuples().isEmpty());
        assertEquals(-1, server.consentDeadlineMs());
        assertEquals(List.of("removed A", "state disconnected"), recorder.events);

        assertEquals(0, send(new Request(), "B", 60_000));
        assertEquals(IceState.CONNECTED, server.state());
        assertEquals("B", server.selectedTuple());
        assertEquals(90_000, server.consentDeadlineMs());
    }

    @Test
    void consentTimeoutIsClampedOrDisabled() {
        assertEquals(0, IceServer.clampConsentTimeout(0));
        assertEquals(10, IceServer.clampConsentTimeout(5));
        assertEquals(20, IceServer.clampConsentTimeout(20));
        assertEquals(60, IceServer.clampConsentTimeout(600));

        IceServer<String> noConsent = new IceServer<>(LOCAL, 0, recorder);
        byte[] wire = new Request().encode();
        noConsent.processStun(wire, 0, wire.length, "A", remoteOf("A"), 0);
        assertEquals(IceState.CONNECTED, noConsent.state());
        assertEquals(-1, noConsent.consentDeadlineMs());
        noConsent.onTimer(Long.MAX_VALUE);
        assertEquals(IceState.CONNECTED, noConsent.state());
    }

    @Test
    void removingTheSelectedTupleFallsBackThenDisconnects() {
        send(new Request(), "A", 0);
        send(nominating(), "B", 0);
        assertEquals("B", server.selectedTuple());

        server.removeTuple("B", 5000);
        assertEquals("A", server.selectedTuple());
        assertEquals(IceState.COMPLETED, server.state());
        assertEquals(35_000, server.consentDeadlineMs());

        server.removeTuple("A", 6000);
        assertEquals(IceState.DISCONNECTED, server.state());
        assertNull(server.selectedTuple());
        server.removeTuple("unknown", 7000);
    }

    @Test
    void keepsAtMostEightTuplesAndNeverEvictsTheSelectedOne() {
        send(nominating(), "T0", 0);
        for (int i = 1; i <= 9; i++) {
            send(new Request(), "T" + i, 0);
        }
        assertEquals(IceServer.MAX_TUPLES, server.tuples().size());
        assertTrue(server.isValidTuple("T0"));
        assertFalse(server.isValidTuple("T1"));
        assertFalse(server.isValidTuple("T2"));
        assertEquals("T0", server.selectedTuple());
    }

    @Test
    void forceSelectedTupleOnlyPicksValidTuples() {
        send(new Request(), "A", 0);
        send(new Request(), "B", 0);
        server.forceSelectedTuple("B");
        assertEquals("B", server.selectedTuple());
        server.forceSelectedTuple("C");
        assertEquals("B", server.selectedTuple());
    }

    @Test
    void closeReportsRemovalsAndIgnoresFurtherTraffic() {
        send(nominating(), "A", 0);
        server.restartIce(0);
        recorder.events.clear();
        server.close();
        assertEquals(IceState.CLOSED, server.state());
        assertEquals(3, recorder.events.size());
        assertTrue(recorder.events.contains("removed A"));
        assertEquals(-1, send(new Request(), "A", 0));
        assertThrows(InvalidStateError.class, () -> server.restartIce(0));
    }
}
