package io.tributary.protoo;

/** How long a sent request waits for its response, from the number of requests already waiting. */
@FunctionalInterface
public interface RequestTimeout {

    long timeoutMs(int pendingRequests);

    /** protoo-server's Peer: {@code 2000 × (15 + 0.1 × pending)} ms, in integers to stay exact. */
    static RequestTimeout server() {
        return pending -> 30_000L + 200L * pending;
    }

    /** protoo-client's Peer: {@code 1500 × (15 + 0.1 × pending)} ms. */
    static RequestTimeout client() {
        return pending -> 22_500L + 150L * pending;
    }

    static RequestTimeout fixed(long timeoutMs) {
        return pending -> timeoutMs;
    }
}
