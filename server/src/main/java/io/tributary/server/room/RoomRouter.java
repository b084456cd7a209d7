package io.tributary.server.room;

import io.tributary.server.node.MediaWorker;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.webrtc.WebRtcServer;
import io.vertx.core.Future;

/**
 * One router of a room, on one worker of the node: its WebRtcServer, and how many consumers the room's peers
 * hold on it (the load the room's consumer budget is measured in). Counted on the room's context.
 */
final class RoomRouter {

    private final MediaWorker worker;
    private final Future<Router> ready;
    private int consumers;

    RoomRouter(MediaWorker worker, Future<Router> ready) {
        this.worker = worker;
        this.ready = ready;
    }

    MediaWorker worker() {
        return worker;
    }

    WebRtcServer webRtcServer() {
        return worker.webRtcServer();
    }

    /** The router once created; a peer only gets transports on it after that. */
    Future<Router> ready() {
        return ready;
    }

    /** The router, or null while it is being created or if that failed. */
    Router router() {
        return ready.succeeded() ? ready.result() : null;
    }

    int consumers() {
        return consumers;
    }

    void consumerAdded() {
        consumers++;
    }

    void consumerRemoved() {
        consumers--;
    }
}
