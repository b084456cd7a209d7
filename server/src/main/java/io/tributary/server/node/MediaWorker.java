package io.tributary.server.node;

import io.tributary.worker.Worker;
import io.tributary.worker.transport.webrtc.WebRtcServer;

/** A worker of this node and the WebRtcServer (one UDP and one TCP port) its WebRTC transports share. */
public record MediaWorker(Worker worker, WebRtcServer webRtcServer) {
}
