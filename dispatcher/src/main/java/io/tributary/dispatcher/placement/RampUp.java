package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The ramp-up correction: a room placed on a node counts on that node, with its expected peers,
 * until the node reports a load written after the placement. Reports are 2 s apart and a room's
 * peers arrive over seconds, so without it a burst of new rooms sees the same stale loads and
 * piles onto one node (Jicofo's comment: stale "by construction" during join bursts). A placement
 * older than {@code maxAgeMs} is forgotten even without a report (that node is stale anyway).
 * Timestamps compare the dispatcher's clock with the node's {@code updatedAt}: with skewed clocks
 * a placement is charged a little too long or too short, never forever. Thread-safe.
 */
public final class RampUp {

    private record Pending(long atMs, int peers) {}

    private final LongSupplier clockMs;
    private final long maxAgeMs;
    private final Map<String, Deque<Pending>> pending = new HashMap<>();

    public RampUp(LongSupplier clockMs, long maxAgeMs) {
        this.clockMs = clockMs;
        this.maxAgeMs = maxAgeMs;
    }

    /** Charges {@code expectedPeers} to {@code nodeId} until its next report. */
    public synchronized void placed(String nodeId, int expectedPeers) {
        pending.computeIfAbsent(nodeId, id -> new ArrayDeque<>()).addLast(new Pending(clockMs.getAsLong(), expectedPeers));
    }

    /**
     * The records with their pending rooms added: {@code rooms} and {@code peers} grow by the
     * pending rooms and peers, {@code cpuLoad} by pending peers over capacity (a peer's expected
     * share of the node). Placements the node's report already covers are dropped here.
     */
    public synchronized List<NodeRecord> corrected(List<NodeRecord> nodes) {
        long now = clockMs.getAsLong();
        pending.values().removeIf(queue -> {
            queue.removeIf(p -> now - p.atMs() > maxAgeMs);
            return queue.isEmpty();
        });
        List<NodeRecord> out = new ArrayList<>(nodes.size());
        for (NodeRecord node : nodes) {
            Deque<Pending> queue = pending.get(node.nodeId());
            if (queue == null) {
                out.add(node);
                continue;
            }
            queue.removeIf(p -> p.atMs() < node.updatedAt());
            if (queue.isEmpty()) {
                pending.remove(node.nodeId());
                out.add(node);
                continue;
            }
            int peers = queue.stream().mapToInt(Pending::peers).sum();
            out.add(withPending(node, queue.size(), peers));
        }
        return out;
    }

    /** Peers charged to {@code nodeId} and not yet covered by a report. */
    public synchronized int pendingPeers(String nodeId) {
        Deque<Pending> queue = pending.get(nodeId);
        return queue == null ? 0 : queue.stream().mapToInt(Pending::peers).sum();
    }

    private static NodeRecord withPending(NodeRecord node, int rooms, int peers) {
        double cpu = node.cpuLoad() + (node.capacity() <= 0 ? 1.0 : (double) peers / node.capacity());
        return new NodeRecord(node.nodeId(), node.url(), node.internalUrl(), node.region(), node.labels(),
                node.version(), node.capacity(), cpu, node.rooms() + rooms, node.peers() + peers, node.producers(),
                node.consumers(), node.bitrateIn(), node.bitrateOut(), node.state(), node.updatedAt());
    }
}
