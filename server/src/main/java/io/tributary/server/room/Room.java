package io.tributary.server.room;

import io.tributary.worker.router.Router;

/** A room: one router on one worker of this node. Peers and the demo protocol arrive with signaling. */
public record Room(String id, Router router) {
}
