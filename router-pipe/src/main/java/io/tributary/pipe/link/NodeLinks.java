package io.tributary.pipe.link;

import io.tributary.pipe.control.ControlClient;
import io.tributary.pipe.control.NodeIdentity;
import io.tributary.pipe.control.NotFoundError;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
    /** This node's set-ups under way by their local transport id, until decided. */
    private final Map<String, Future<NodeLink>> settingUp = new ConcurrentHashMap<>();

    public NodeLinks(String selfNodeId) {
        this.selfNodeId = selfNodeId;
    }

    /** A link over {@code transport}, already connected, whose transport's close closes it; not yet installed. */
    public Future<NodeLink> link(LinkKey key, PipeTransport transport, NodeIdentity remote, String remoteTransportId,
                                 String initiator, ControlClient client) {
        return new NodeLink(key, transport, remote, remoteTransportId, initiator, client, this::forget)
                .followTransport();
    }

    /**
     * The link holding {@code key}, or the one {@code setUp} makes (then installed); concurrent callers share
     * it. {@code setUp} is given that shared Future, which completes only once the key's holder is decided.
     */
    public Future<NodeLink> obtain(LinkKey key, Function<Future<NodeLink>, Future<NodeLink>> setUp) {
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
            made = setUp.apply(claim.future());
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
     * This node's set-up over {@code transportId} is under way ({@code decided} completes when it ends):
     * the other node, which learns the id from our request, may call about it before our set-up ends.
     */
    public void settingUp(String transportId, Future<NodeLink> decided) {
        settingUp.put(transportId, decided);
        decided.onComplete(ar -> settingUp.remove(transportId, decided));
    }

    /**
     * A pair the other node set up, connected here; completes, for its answer, once this node's set-up of
     * the same key that wins over it (if one is under way) has ended: until then the other node cannot use
     * the pair, so nothing is piped over a pair that is then discarded. The link stands by meanwhile and
     * takes the key if that set-up fails.
     */
    public Future<NodeLink> accept(NodeLink link) {
        List<NodeLink> duplicates = new ArrayList<>();
        Future<NodeLink> winning;
        NodeLink keep = null;
        synchronized (this) {
            Future<NodeLink> current = byKey.get(link.key());
            winning = current != null && !current.isComplete() && !link.closed()
                    && selfNodeId.compareTo(link.initiator()) < 0 ? current : null;
            if (winning != null) {
                link.standBy(true);
                byTransport.put(link.transport().id(), link);
            } else {
                keep = register(link, duplicates);
            }
        }
        if (winning != null) {
            return winning.transform(ar -> {
                link.standBy(false);
                return Future.succeededFuture(link);
            });
        }
        duplicates.forEach(duplicate -> duplicate.close(true));
        return Future.succeededFuture(keep);
    }

    /** Registers a link this node set up and returns the one that holds its key afterwards, closing the others. */
    private NodeLink install(NodeLink link) {
        List<NodeLink> duplicates = new ArrayList<>();
        NodeLink keep;
        synchronized (this) {
            keep = register(link, duplicates);
        }
        duplicates.forEach(duplicate -> duplicate.close(true));
        return keep;
    }

    /** Under the lock: {@code link} joins, the preferred link holds the key, the others go to {@code duplicates}. */
    private NodeLink register(NodeLink link, List<NodeLink> duplicates) {
        if (link.closed()) {
            return link;
        }
        byTransport.put(link.transport().id(), link);
        Future<NodeLink> current = byKey.get(link.key());
        NodeLink holder = current != null && current.succeeded() ? current.result() : null;
        NodeLink keep = holder != null && holder != link && !holder.closed() ? preferred(holder, link) : link;
        byKey.put(link.key(), Future.succeededFuture(keep));
        for (NodeLink other : byTransport.values()) {
            if (other != keep && other.key().equals(link.key())) {
                duplicates.add(other);
            }
        }
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

    /**
     * The live link whose local transport is {@code transportId}, once this node's set-up over it (if under
     * way) has ended; NotFoundError if none.
     */
    public Future<NodeLink> byTransport(String transportId) {
        NodeLink link = byTransport.get(transportId);
        Future<NodeLink> pending = link == null ? settingUp.get(transportId) : null;
        if (pending != null) {
            return pending.transform(ar -> live(transportId));
        }
        return link != null ? Future.succeededFuture(link) : live(transportId);
    }

    private Future<NodeLink> live(String transportId) {
        NodeLink link = byTransport.get(transportId);
        return link == null ? Future.failedFuture(new NotFoundError("Transport not found"))
                : Future.succeededFuture(link);
    }

    /** The live links with {@code nodeId}. */
    public List<NodeLink> withNode(String nodeId) {
        return byTransport.values().stream().filter(link -> link.remote().nodeId().equals(nodeId)).toList();
    }

    public List<NodeLink> all() {
        return List.copyOf(byTransport.values());
    }
}
