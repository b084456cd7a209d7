package io.tributary.worker.sctp;

/** Payload protocol identifiers of WebRTC data channels (RFC 8831 §8). */
final class SctpPpid {

    /** The Data Channel Establishment Protocol; negotiated channels never need it, so it is not delivered. */
    static final int DCEP = 50;

    private SctpPpid() {
    }
}
