package io.tributary.worker.net;

/**
 * Receives one datagram, or one RFC 4571 frame, on the worker's loop. The bytes and the tuple view
 * belong to the callee only during the call (use {@link TransportTuple#persist()} to keep the tuple);
 * the bytes may be modified in place, as SRTP decrypts in place.
 */
@FunctionalInterface
public interface PacketHandler {
    void onPacket(byte[] buf, int off, int len, TransportTuple tuple);
}
