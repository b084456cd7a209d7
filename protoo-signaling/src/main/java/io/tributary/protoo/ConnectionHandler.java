package io.tributary.protoo;

/**
 * Decides on each protoo WebSocket upgrade. Called on the context the peer will live on; it must answer with
 * {@link ConnectionRequest#accept()} or {@link ConnectionRequest#reject} (now or later, from any thread). A handler
 * that throws before answering rejects the upgrade with HTTP 500.
 */
@FunctionalInterface
public interface ConnectionHandler {

    void onConnection(ConnectionRequest request);
}
