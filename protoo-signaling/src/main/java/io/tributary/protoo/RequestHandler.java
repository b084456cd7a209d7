package io.tributary.protoo;

/** Handles requests from the remote side; answer each through {@link ProtooRequest#accept} or {@code reject}. */
@FunctionalInterface
public interface RequestHandler {

    /** A handler that throws is answered with {@link ProtooRequest#reject(Throwable)} unless it already answered. */
    void onRequest(ProtooRequest request);
}
