package io.tributary.worker.ice;

import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.ortc.IceParameters;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;

/**
 * The ICE-lite server of one WebRtcTransport, mirroring mediasoup's {@code IceServer}: always
 * controlled, answers Binding requests, tracks up to {@value #MAX_TUPLES} tuples, selects one on
 * nomination (USE-CANDIDATE or NOMINATION) and runs RFC 7675 consent freshness.
 *
 * <p>Tuples are opaque caller objects compared with {@code equals}. Time is driven by the caller:
 * every call that can start or refresh consent takes {@code nowMs}, and {@link #onTimer} expires it,
 * so tests need no sleeping. Not thread-safe: confine an instance to one event loop.
 */
public final class IceServer<T> {

    public static final int DEFAULT_CONSENT_TIMEOUT_SECONDS = 30;
    public static final int MIN_CONSENT_TIMEOUT_SECONDS = 10;
    public static final int MAX_CONSENT_TIMEOUT_SECONDS = 60;
    public static final int MAX_TUPLES = 8;

    private static final int RESPONSE_CAPACITY = 256;

    /** Callbacks, invoked synchronously from the calling thread. */
    public interface Listener<T> {

        /** Send a STUN response to {@code tuple}; the buffer is only valid during the call. */
        void onSendStun(byte[] buf, int off, int len, T tuple);

        default void onStateChange(IceState state) {
        }

        /** A new selected tuple; not called when the selection is merely cleared (as in mediasoup). */
        default void onSelectedTupleChange(T tuple) {
        }

        default void onTupleAdded(T tuple) {
        }

        default void onTupleRemoved(T tuple) {
        }

        /** A ufrag the shared-socket demux should now route to this server. */
        default void onLocalUsernameFragmentAdded(String usernameFragment) {
        }

        default void onLocalUsernameFragmentRemoved(String usernameFragment) {
        }
    }

    /** One set of local credentials with its keyed HMAC. */
    private static final class Credentials {
        final IceParameters parameters;
        final byte[] ufrag;
        final Mac mac;

        Credentials(IceParameters parameters) {
            this.parameters = parameters;
            this.ufrag = parameters.usernameFragment().getBytes(StandardCharsets.UTF_8);
            this.mac = StunMessage.integrityMac(parameters.password());
        }

        boolean authenticates(StunMessage request) {
            return request.usernameHasLocalFragment(ufrag) && request.checkMessageIntegrity(mac);
        }
    }

    private final Listener<T> listener;
    private final long consentTimeoutMs;
    private final StunMessage request = new StunMessage();
    private final StunWriter writer = new StunWriter();
    private final byte[] response = new byte[RESPONSE_CAPACITY];
    /** Newest first, as mediasoup's list. */
    private final ArrayList<T> tuples = new ArrayList<>(MAX_TUPLES + 1);

    private Credentials current;
    /** Credentials before the last restartIce, still accepted until a request uses the new ones. */
    private Credentials previous;
    private IceState state = IceState.NEW;
    private T selectedTuple;
    private long remoteNomination;
    private long consentDeadlineMs = -1;

    /**
     * @param consentTimeoutSeconds 0 disables consent checks; other values are clamped to [10, 60]
     */
    public IceServer(IceParameters parameters, int consentTimeoutSeconds, Listener<T> listener) {
        this.listener = listener;
        this.consentTimeoutMs = 1000L * clampConsentTimeout(consentTimeoutSeconds);
        this.current = new Credentials(parameters);
        listener.onLocalUsernameFragmentAdded(parameters.usernameFragment());
    }

    /** mediasoup's clamping of {@code iceConsentTimeout}. */
    public static int clampConsentTimeout(int seconds) {
        if (seconds <= 0) {
            return 0;
        }
        return Math.max(MIN_CONSENT_TIMEOUT_SECONDS, Math.min(MAX_CONSENT_TIMEOUT_SECONDS, seconds));
    }

    public IceParameters parameters() {
        return current.parameters;
    }

    public IceState state() {
        return state;
    }

    public T selectedTuple() {
        return selectedTuple;
    }

    public List<T> tuples() {
        return List.copyOf(tuples);
    }

    /** True for a tuple that passed a connectivity check (media and DTLS are only accepted from these). */
    public boolean isValidTuple(T tuple) {
        return tuples.contains(tuple);
    }

    public long consentTimeoutMs() {
        return consentTimeoutMs;
    }

    /** When consent expires unless a valid request arrives first; -1 when no check is running. */
    public long consentDeadlineMs() {
        return consentDeadlineMs;
    }

    /** Switches to fresh random credentials; see {@link #restartIce(IceParameters, long)}. */
    public IceParameters restartIce(long nowMs) {
        return restartIce(IceCredentials.random(), nowMs);
    }

    /**
     * Installs new local credentials. The old ones stay valid until a request authenticates with the
     * new ones; the remote nomination is reset and a running consent check restarts.
     */
    public IceParameters restartIce(IceParameters parameters, long nowMs) {
        requireOpen();
        if (previous != null) {
            listener.onLocalUsernameFragmentRemoved(previous.parameters.usernameFragment());
        }
        previous = current;
        current = new Credentials(parameters);
        remoteNomination = 0;
        listener.onLocalUsernameFragmentAdded(parameters.usernameFragment());
        if (consentDeadlineMs >= 0) {
            consentDeadlineMs = nowMs + consentTimeoutMs;
        }
        return parameters;
    }

    /**
     * Handles a datagram the demux classified as STUN on {@code tuple}, whose remote address goes into
     * XOR-MAPPED-ADDRESS. Requests get a response through the listener; indications, responses and
     * malformed messages are dropped. Never throws for bad input.
     *
     * @return true for an authenticated request that was answered with success, false for anything
     *         dropped or answered with an error (the caller's drop counter)
     */
    public boolean processStun(byte[] buf, int off, int len, T tuple, InetSocketAddress remote, long nowMs) {
        if (state == IceState.CLOSED) {
            return false;
        }
        StunParseResult result = request.parse(buf, off, len);
        // As mediasoup: a FINGERPRINT that does not verify means the datagram is not STUN at all.
        if (result != StunParseResult.OK || request.messageClass() != StunClass.REQUEST) {
            return false;
        }
        if (request.method() != StunMessage.METHOD_BINDING
                || !request.hasFingerprint() || !request.hasPriority() || request.priority() == 0
                || !request.hasUsername() || !request.hasMessageIntegrity()) {
            sendError(400, "Bad Request", tuple);
            return false;
        }
        Credentials used = authenticate();
        if (used == null) {
            sendError(401, "Unauthorized", tuple);
            return false;
        }
        // ICE-lite is always controlled, so a controlled peer is a conflict it cannot resolve by switching.
        if (request.hasIceControlled()) {
            sendError(487, "Role Conflict", tuple);
            return false;
        }
        sendSuccess(used, tuple, remote);
        handleTuple(tuple, request.hasUseCandidate(), request.hasNomination(), request.nomination());
        if (consentTimeoutMs > 0 && (state == IceState.CONNECTED || state == IceState.COMPLETED)) {
            consentDeadlineMs = nowMs + consentTimeoutMs;
        }
        return true;
    }

    private Credentials authenticate() {
        if (current.authenticates(request)) {
            if (previous != null) {
                listener.onLocalUsernameFragmentRemoved(previous.parameters.usernameFragment());
                previous = null;
            }
            return current;
        }
        return previous != null && previous.authenticates(request) ? previous : null;
    }

    /** Forgets a tuple (e.g. a closed TCP connection), moving the selection or disconnecting. */
    public void removeTuple(T tuple, long nowMs) {
        int index = tuples.indexOf(tuple);
        if (index < 0) {
            return;
        }
        T removed = tuples.get(index);
        listener.onTupleRemoved(removed);
        tuples.remove(index);
        if (!removed.equals(selectedTuple)) {
            return;
        }
        selectedTuple = null;
        if ((state == IceState.CONNECTED || state == IceState.COMPLETED) && !tuples.isEmpty()) {
            setSelectedTuple(tuples.get(0));
            if (consentTimeoutMs > 0) {
                consentDeadlineMs = nowMs + consentTimeoutMs;
            }
        } else {
            disconnect();
        }
    }

    /**
     * Selects an already valid tuple on which media or DTLS arrived, for clients doing aggressive
     * nomination against an ICE-lite server (mediasoup's MayForceSelectedTuple).
     */
    public void forceSelectedTuple(T tuple) {
        if (state != IceState.CONNECTED && state != IceState.COMPLETED) {
            return;
        }
        int index = tuples.indexOf(tuple);
        if (index >= 0) {
            setSelectedTuple(tuples.get(index));
        }
    }

    /** Drives consent freshness: past the deadline the server becomes disconnected and drops its tuples. */
    public void onTimer(long nowMs) {
        if (consentDeadlineMs < 0 || nowMs < consentDeadlineMs
                || (state != IceState.CONNECTED && state != IceState.COMPLETED)) {
            return;
        }
        for (T tuple : tuples) {
            listener.onTupleRemoved(tuple);
        }
        tuples.clear();
        selectedTuple = null;
        disconnect();
    }

    /** Closes without a state event (the owner initiated it); tuples and ufrags are reported removed. */
    public void close() {
        if (state == IceState.CLOSED) {
            return;
        }
        state = IceState.CLOSED;
        consentDeadlineMs = -1;
        listener.onLocalUsernameFragmentRemoved(current.parameters.usernameFragment());
        if (previous != null) {
            listener.onLocalUsernameFragmentRemoved(previous.parameters.usernameFragment());
            previous = null;
        }
        for (T tuple : tuples) {
            listener.onTupleRemoved(tuple);
        }
        tuples.clear();
        selectedTuple = null;
    }

    private void handleTuple(T tuple, boolean useCandidate, boolean hasNomination, long nomination) {
        T stored = addTuple(tuple);
        boolean nominated = useCandidate || hasNomination;
        // With renomination only a higher NOMINATION value than seen before moves the selection.
        boolean accepted = nominated && (!hasNomination || nomination > remoteNomination);
        switch (state) {
            case NEW, DISCONNECTED -> {
                if (!nominated) {
                    state = IceState.CONNECTED;
                    setSelectedTuple(stored);
                    listener.onStateChange(state);
                } else if (accepted) {
                    state = IceState.COMPLETED;
                    setSelectedTuple(stored);
                    updateNomination(hasNomination, nomination);
                    listener.onStateChange(state);
                }
            }
            case CONNECTED -> {
                if (accepted) {
                    state = IceState.COMPLETED;
                    setSelectedTuple(stored);
                    updateNomination(hasNomination, nomination);
                    listener.onStateChange(state);
                }
            }
            case COMPLETED -> {
                if (accepted) {
                    setSelectedTuple(stored);
                    updateNomination(hasNomination, nomination);
                }
            }
            default -> throw new IllegalStateException("tuple handled in state " + state);
        }
    }

    private void updateNomination(boolean hasNomination, long nomination) {
        if (hasNomination && nomination > remoteNomination) {
            remoteNomination = nomination;
        }
    }

    private T addTuple(T tuple) {
        int index = tuples.indexOf(tuple);
        if (index >= 0) {
            return tuples.get(index);
        }
        tuples.add(0, tuple);
        listener.onTupleAdded(tuple);
        if (tuples.size() > MAX_TUPLES) {
            // Evict the oldest tuple that is neither the new one nor the selected one.
            for (int i = tuples.size() - 1; i > 0; i--) {
                T candidate = tuples.get(i);
                if (!candidate.equals(selectedTuple)) {
                    listener.onTupleRemoved(candidate);
                    tuples.remove(i);
                    break;
                }
            }
        }
        return tuple;
    }

    private void setSelectedTuple(T tuple) {
        if (tuple.equals(selectedTuple)) {
            return;
        }
        selectedTuple = tuple;
        listener.onSelectedTupleChange(tuple);
    }

    private void disconnect() {
        state = IceState.DISCONNECTED;
        remoteNomination = 0;
        consentDeadlineMs = -1;
        listener.onStateChange(state);
    }

    private void sendSuccess(Credentials used, T tuple, InetSocketAddress remote) {
        writer.begin(response, 0, StunMessage.METHOD_BINDING, StunClass.SUCCESS_RESPONSE,
                        request.buffer(), request.transactionIdOffset())
                .xorMappedAddress(remote.getAddress(), remote.getPort())
                .messageIntegrity(used.mac)
                .fingerprint();
        listener.onSendStun(response, 0, writer.length(), tuple);
    }

    /** As mediasoup, error responses (400, 401, 487) carry no MESSAGE-INTEGRITY. */
    private void sendError(int code, String reason, T tuple) {
        writer.begin(response, 0, request.method(), StunClass.ERROR_RESPONSE,
                        request.buffer(), request.transactionIdOffset())
                .errorCode(code, reason)
                .fingerprint();
        listener.onSendStun(response, 0, writer.length(), tuple);
    }

    private void requireOpen() {
        if (state == IceState.CLOSED) {
            throw new InvalidStateError("IceServer closed");
        }
    }
}
