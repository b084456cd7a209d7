package io.tributary.worker.data;

import java.nio.charset.StandardCharsets;

/**
 * A message the application sends ({@code dataProducer.send}, {@code dataConsumer.send}) with
 * mediasoup's PPID rules (RFC 8831 §8): 51 for a string, 53 for binary, 56/57 when empty. SCTP
 * cannot carry an empty message, so an empty one travels as a single space or a single zero byte.
 */
record OutgoingMessage(byte[] payload, int ppid) {

    static final int PPID_STRING = 51;
    static final int PPID_BINARY = 53;
    static final int PPID_STRING_EMPTY = 56;
    static final int PPID_BINARY_EMPTY = 57;

    static OutgoingMessage text(String message, Integer ppid) {
        int effective = ppid != null ? ppid : message.isEmpty() ? PPID_STRING_EMPTY : PPID_STRING;
        return of(message.getBytes(StandardCharsets.UTF_8), effective);
    }

    /** {@code message} is copied, so the caller may reuse its array at once. */
    static OutgoingMessage binary(byte[] message, Integer ppid) {
        int effective = ppid != null ? ppid : message.length == 0 ? PPID_BINARY_EMPTY : PPID_BINARY;
        return of(message.clone(), effective);
    }

    private static OutgoingMessage of(byte[] payload, int ppid) {
        if (ppid == PPID_STRING_EMPTY) {
            return new OutgoingMessage(new byte[] {' '}, ppid);
        }
        if (ppid == PPID_BINARY_EMPTY) {
            return new OutgoingMessage(new byte[1], ppid);
        }
        return new OutgoingMessage(payload, ppid);
    }
}
