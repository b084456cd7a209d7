package io.tributary.pipe.link;

import io.tributary.pipe.control.ControlClient;
import io.tributary.pipe.control.NodeIdentity;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This node's pipe links, one per (local router, remote node, remote router) as mediasoup keeps one pipe
 * transport pair per pair of routers: set up by whichever node pipes first, shared by concurrent calls
 * and by the other direction. When both nodes set up the same pair at once, both end up keeping the
 * link set up by the node with the smaller id and closing the other, each by the same rule.
 */
public final class NodeLinks {

    private final String selfNodeId;
    /** The link holding each key, or this node's set-up of it still in progress; guarded by {@code this}. */
    private final Map<LinkKey, Future<NodeLink>> byKey = new HashMap<>();
    /** Every live link by its local transport id: where the other node's calls find it. */
    private final Map<String, NodeLink> byTransport = new ConcurrentHashMap<>();

    public NodeLinks(String selfNodeId) {
        this.selfNodeId = selfNodeId;
    }

    /** A link over {@code transport}, already connected, whose transport's close closes it; not yet installed. */
    public Future<NodeLink> link(LinkKey key, PipeTransport transport, NodeIdentity remote, String remoteTransportId,
                                 String initiator, ControlClient client) {
        return new NodeLink(key, transport, remote, remoteTransportId, initiator, client, this::forget)
                .followTransport();
    }

    /** The link holding {@code key}, or the one {@code setUp} makes (then installed); concurrent callers share it. */
    public Future<NodeLink> obtain(LinkKey key, Supplier<Future<NodeLink>> setUp) {
        Promise<NodeLink> claim = Promise.promise();
        synchronized (this) {
            Future<NodeLink> existing = byKey.get(key);
            if (existing != null) {
                return existing;
            }
            byKey.put(key, claim.future());
        }
        Future<NodeLink> made;
        try {
            made = setUp.get();
        } catch (RuntimeException e) {
            made = Future.failedFuture(e);
        }
        made.onComplete(ar -> {
            if (ar.succeeded()) {
                claim.complete(install(ar.result()));
                return;
            }
            NodeLink standby = settleFailure(key, claim.future());
            if (standby != null) {
                claim.complete(standby);
            } else {
                claim.fail(ar.cause());
            }
        });
        return claim.future();
    }

    /**
     * Registers a connected link (set up here, or accepted from the other node) and returns the one that
     * holds its key afterwards. A link of the other node's making that loses to this node's set-up in
     * progress is kept aside (its calls still find it) until that set-up ends.
     */
    public NodeLink install(NodeLink link) {
        List<NodeLink> duplicates = new ArrayList<>();
        NodeLink keep;
        synchronized (this) {
            if (link.closed()) {
                return link;
            }
            byTransport.put(link.transport().id(), link);
            Future<NodeLink> current = byKey.get(link.key());
            NodeLink holder = current != null && current.succeeded() ? current.result() : null;
            boolean ownPending = current != null && !current.isComplete();
            if (holder != null && holder != link && !holder.closed()) {
                keep = preferred(holder, link);
            } else if (ownPending && !selfNodeId.equals(link.initiator())
                    && selfNodeId.compareTo(link.initiator()) < 0) {
                return link;
            } else {
                keep = link;
            }
            byKey.put(link.key(), Future.succeededFuture(keep));
            for (NodeLink other : byTransport.values()) {
                if (other != keep && other.key().equals(link.key())) {
                    duplicates.add(other);
                }
            }
        }
        duplicates.forEach(duplicate -> duplicate.close(true));
        return keep;
    }

    /** Of two links between the same routers: the newer instance of the remote node, else the smaller initiator's. */
    private static NodeLink preferred(NodeLink holder, NodeLink link) {
        if (!holder.remote().instance().equals(link.remote().instance())) {
            return link;
        }
        return holder.initiator().compareTo(link.initiator()) < 0 ? holder : link;
    }

    /** This node's set-up failed: a link kept aside meanwhile takes the key, if any. */
    private synchronized NodeLink settleFailure(LinkKey key, Future<NodeLink> claim) {
        if (byKey.get(key) == claim) {
            byKey.remove(key);
        }
        Future<NodeLink> current = byKey.get(key);
        if (current != null && current.succeeded()) {
            return current.result();
        }
        for (NodeLink aside : byTransport.values()) {
            if (aside.key().equals(key) && !aside.closed()) {
                byKey.put(key, Future.succeededFuture(aside));
                return aside;
            }
        }
        return null;
    }

    private synchronized void forget(NodeLink link) {
        byTransport.remove(link.transport().id(), link);
        Future<NodeLink> current = byKey.get(link.key());
        if (current != null && current.succeeded() && current.result() == link) {
            byKey.remove(link.key());
        }
    }

    /** The live link whose local transport is {@code transportId}, or null. */
    public NodeLink byTransport(String transportId) {
        return byTransport.get(transportId);
    }

    /** The live links with {@code nodeId}. */
    public List<NodeLink> withNode(String nodeId) {
        return byTransport.values().stream().filter(link -> link.remote().nodeId().equals(nodeId)).toList();
    }

    public List<NodeLink> all() {
        return List.copyOf(byTransport.values());
    }
}
