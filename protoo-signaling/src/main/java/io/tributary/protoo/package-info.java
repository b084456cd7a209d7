/**
 * The protoo signaling protocol that mediasoup-client apps speak (protoo-server and protoo-client 4.0.8).
 *
 * <p><b>Server side:</b> {@link io.tributary.protoo.ProtooWebSocketServer} turns WebSocket upgrades of a Vert.x
 * {@code HttpServer} into {@link io.tributary.protoo.ProtooPeer}s. <b>Client side:</b>
 * {@link io.tributary.protoo.ProtooClient}, with protoo-client's reconnection behaviour.
 *
 * <p><b>Threading.</b> Every callback of one peer ({@link io.tributary.protoo.ConnectionHandler} for it, request,
 * notification and close handlers, client events, and the completion of the futures it returns) runs in order on
 * one Vert.x context: on the server, the context of the HTTP connection that carried the upgrade (an event loop of
 * the {@code HttpServer}); on the client, the context that was current when {@code connect} was called, or a new
 * event-loop context when called from a non-Vert.x thread. Methods may be called from any thread: sends hop onto
 * that context, so messages leave in the order the calls were made. Handlers must not block.
 *
 * <p>Message data is Jackson {@link com.fasterxml.jackson.databind.JsonNode}; a missing or empty {@code data} reads
 * as {@code {}} and a {@code null} argument is sent as {@code {}}, as protoo does.
 */
package io.tributary.protoo;
