package io.tributary.client.media.ice;

import io.tributary.client.media.PeerLoop;
import io.tributary.worker.ice.StunClass;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.ice.StunParseResult;
import io.tributary.worker.ice.StunWriter;
import io.tributary.worker.ortc.IceParameters;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;

/**
 * The controlling side of ICE against an ICE-lite server with one candidate pair: Binding requests
 * with USE-CANDIDATE (aggressive nomination) retransmitted until an authenticated success response,
 * then RFC 7675 consent checks. Confined to the peer's loop.
 */
public final class IceAgent {

    /** Sends one STUN message towards the remote candidate; called on the loop. */
    @FunctionalInterface
    public interface Sender {
        void send(byte[] buf, int off, int len);
    }

    /** PRIORITY of a peer-reflexive candidate of component 1 (RFC 8445 §5.1.2.1, type preference 110). */
    static final long PEER_REFLEXIVE_PRIORITY = (110L << 24) | (65535L << 8) | 255L;

    private static final int MAX_PENDING_TRANSACTIONS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PeerLoop loop;
    private final String username;
    private final Mac remoteMac;
    private final IceTimings timings;
    private final Sender sender;
    private final String pathDescription;
    private final long tieBreaker = RANDOM.nextLong();
    private final StunWriter writer = new StunWriter();
    private final StunMessage message = new StunMessage();
    private final byte[] request = new byte[256];
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<String> disconnected = new CompletableFuture<>();

    private volatile IceAgentState state = IceAgentState.NEW;
    private volatile long requestsSent;
    private volatile long successResponses;
    private volatile long errorResponses;
    private volatile long rejectedResponses;
    private volatile int lastErrorCode;
    private int requestLength;
    private byte[] currentTransaction;
    private long rtoMs;
    private long startedMs;
    private long lastSuccessMs;
    private long retransmitTimer = -1;
    private long failTimer = -1;
    private long consentTimer = -1;

    /**
     * @param local           our credentials (USERNAME is {@code remote:local})
     * @param remote          the server's credentials; its password keys MESSAGE-INTEGRITY both ways
     * @param pathDescription for error messages, e.g. {@code 127.0.0.1:40000/udp}
     */
    public IceAgent(PeerLoop loop, IceParameters local, IceParameters remote, IceTimings timings, Sender sender,
                    String pathDescription) {
        this.loop = loop;
        this.username = remote.usernameFragment() + ":" + local.usernameFragment();
        this.remoteMac = StunMessage.integrityMac(remote.password());
        this.timings = timings;
        this.sender = sender;
        this.pathDescription = pathDescription;
    }

    /** Completes on the first authenticated success response; fails after the check timeout. */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    /** Completes with a reason when consent is lost after having connected. */
    public CompletableFuture<String> disconnected() {
        return disconnected;
    }

    public IceAgentState state() {
        return state;
    }

    public IceStats stats() {
        return new IceStats(state, requestsSent, successResponses, errorResponses, rejectedResponses, lastErrorCode);
    }

    /** Starts the connectivity check; call on the loop. */
    public void start() {
        if (state != IceAgentState.NEW) {
            return;
        }
        state = IceAgentState.CHECKING;
        startedMs = System.currentTimeMillis();
        rtoMs = timings.initialRto().toMillis();
        writeRequest(true);
        sendRequest();
        retransmitTimer = loop.setTimer(rtoMs, this::retransmit);
        failTimer = loop.setTimer(timings.checkTimeout().toMillis(), this::checkTimedOut);
    }

    /** Handles a datagram the demux classified as STUN; call on the loop. */
    public void onStun(byte[] buf, int off, int len) {
        if (state == IceAgentState.CLOSED || state == IceAgentState.FAILED) {
            return;
        }
        StunParseResult result = message.parse(buf, off, len);
        if (result != StunParseResult.OK) {
            rejectedResponses++;
            return;
        }
        boolean success = message.messageClass() == StunClass.SUCCESS_RESPONSE;
        if ((!success && message.messageClass() != StunClass.ERROR_RESPONSE)
                || message.method() != StunMessage.METHOD_BINDING || !takePending(buf, message.transactionIdOffset())) {
            return;
        }
        if (!success) {
            // Error responses carry no MESSAGE-INTEGRITY (mediasoup), so they only explain a failure.
            errorResponses++;
            lastErrorCode = message.errorCode();
            return;
        }
        if (!message.checkMessageIntegrity(remoteMac)) {
            rejectedResponses++;
            return;
        }
        successResponses++;
        lastSuccessMs = System.currentTimeMillis();
        if (state == IceAgentState.CHECKING) {
            state = IceAgentState.CONNECTED;
            loop.cancel(retransmitTimer);
            loop.cancel(failTimer);
            consentTimer = loop.setPeriodic(timings.consentInterval().toMillis(), this::consentCheck);
            connected.complete(null);
        }
    }

    /** Stops all checks; call on the loop. */
    public void close() {
        if (state == IceAgentState.CLOSED) {
            return;
        }
        state = IceAgentState.CLOSED;
        loop.cancel(retransmitTimer);
        loop.cancel(failTimer);
        loop.cancel(consentTimer);
        connected.completeExceptionally(new IllegalStateException("ICE agent closed"));
    }

    private void retransmit() {
        if (state != IceAgentState.CHECKING) {
            return;
        }
        if (!pending.contains(currentTransaction)) {
            // An error response ended that transaction; the next attempt is a new one.
            writeRequest(true);
        }
        sendRequest();
        rtoMs = Math.min(rtoMs * 2, timings.maxRto().toMillis());
        retransmitTimer = loop.setTimer(rtoMs, this::retransmit);
    }

    private void checkTimedOut() {
        if (state != IceAgentState.CHECKING) {
            return;
        }
        state = IceAgentState.FAILED;
        loop.cancel(retransmitTimer);
        String lastError = lastErrorCode == 0 ? "none" : Integer.toString(lastErrorCode);
        connected.completeExceptionally(new IceFailedException(String.format(
                "ICE failed: no authenticated Binding success response from %s within %d ms "
                        + "(%d requests sent, %d error responses, last error code %s, %d responses rejected)",
                pathDescription, System.currentTimeMillis() - startedMs, requestsSent, errorResponses, lastError,
                rejectedResponses)));
    }

    private void consentCheck() {
        if (state != IceAgentState.CONNECTED) {
            return;
        }
        long silentMs = System.currentTimeMillis() - lastSuccessMs;
        if (silentMs > timings.consentTimeout().toMillis()) {
            state = IceAgentState.DISCONNECTED;
            loop.cancel(consentTimer);
            disconnected.complete("ICE consent lost: no success response from " + pathDescription + " for "
                    + silentMs + " ms");
            return;
        }
        writeRequest(false);
        sendRequest();
    }

    /** A fresh transaction: USERNAME, PRIORITY, ICE-CONTROLLING, [USE-CANDIDATE], MESSAGE-INTEGRITY, FINGERPRINT. */
    private void writeRequest(boolean nominate) {
        byte[] tid = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(tid);
        writer.begin(request, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                .username(username)
                .priority(PEER_REFLEXIVE_PRIORITY)
                .iceControlling(tieBreaker);
        if (nominate) {
            writer.useCandidate();
        }
        writer.messageIntegrity(remoteMac).fingerprint();
        requestLength = writer.length();
        if (pending.size() == MAX_PENDING_TRANSACTIONS) {
            pending.removeFirst();
        }
        pending.addLast(tid);
        currentTransaction = tid;
    }

    private void sendRequest() {
        requestsSent++;
        sender.send(request, 0, requestLength);
    }

    private boolean takePending(byte[] buf, int tidOffset) {
        for (Iterator<byte[]> it = pending.iterator(); it.hasNext(); ) {
            byte[] tid = it.next();
            if (Arrays.equals(tid, 0, tid.length, buf, tidOffset, tidOffset + tid.length)) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}
