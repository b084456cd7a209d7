package io.tributary.pipe.link;

import io.tributary.pipe.control.ControlClient;
import io.tributary.pipe.control.NodeIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Liveness of the nodes this one has pipe links with: each is pinged every interval while links exist;
 * a node that has not answered for {@code deadAfterMs}, or answers as a new instance (it restarted),
 * loses its links here, closed without calling it. Runs on the control context only.
 */
public final class NodeWatches {

    private static final System.Logger LOG = System.getLogger(NodeWatches.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final ControlClient client;
    private final NodeLinks links;
    private final long intervalMs;
    private final long deadAfterMs;
    private final Map<String, Watch> watches = new HashMap<>();
    private boolean stopped;

    public NodeWatches(Vertx vertx, Context context, ControlClient client, NodeLinks links, long intervalMs,
                       long deadAfterMs) {
        this.vertx = vertx;
        this.context = context;
        this.client = client;
        this.links = links;
        this.intervalMs = intervalMs;
        this.deadAfterMs = deadAfterMs;
    }

    /** Starts watching {@code remote}'s node, if not already. Any thread. */
    public void watch(NodeIdentity remote) {
        context.runOnContext(v -> {
            if (!stopped && !watches.containsKey(remote.nodeId())) {
                Watch watch = new Watch(remote);
                watches.put(remote.nodeId(), watch);
                watch.timer = vertx.setPeriodic(intervalMs, id -> watch.tick());
            }
        });
    }

    /** Stops every watch. Any thread. */
    public void stop() {
        context.runOnContext(v -> {
            stopped = true;
            watches.values().forEach(watch -> vertx.cancelTimer(watch.timer));
            watches.clear();
        });
    }

    private final class Watch {
        private final NodeIdentity remote;
        private long timer;
        private long lastAnswerMs = System.currentTimeMillis();
        private boolean pinging;

        private Watch(NodeIdentity remote) {
            this.remote = remote;
        }

        private void tick() {
            List<NodeLink> live = links.withNode(remote.nodeId());
            if (live.isEmpty()) {
                end();
                return;
            }
            long silentMs = System.currentTimeMillis() - lastAnswerMs;
            if (silentMs > deadAfterMs) {
                LOG.log(Level.WARNING, "node " + remote.nodeId() + " has not answered for " + silentMs
                        + " ms: closing its " + live.size() + " pipe link(s)");
                live.forEach(link -> link.close(false));
                end();
                return;
            }
            if (!pinging) {
                pinging = true;
                client.ping(remote.node()).onComplete(ar -> {
                    pinging = false;
                    if (ar.succeeded()) {
                        lastAnswerMs = System.currentTimeMillis();
                        closeLinksOfOtherInstances(ar.result().instance());
                    }
                });
            }
        }

        private void closeLinksOfOtherInstances(String instance) {
            for (NodeLink link : links.withNode(remote.nodeId())) {
                if (!link.remote().instance().equals(instance)) {
                    LOG.log(Level.WARNING, "node " + remote.nodeId() + " restarted: closing " + link);
                    link.close(false);
                }
            }
        }

        private void end() {
            vertx.cancelTimer(timer);
            watches.remove(remote.nodeId(), this);
        }
    }
}
