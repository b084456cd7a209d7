package io.tributary.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * What a node publishes about itself every heartbeat. {@code url} is where clients reach its
 * protoo/HTTP endpoint, {@code internalUrl} its node-to-node control API. {@code capacity} is the
 * node's weight in placement (peers it is sized for); {@code cpuLoad} is the mean worker load 0..1.
 * {@code updatedAt} is the writer's wall clock in ms, so readers can spot stale reports.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeRecord(
        String nodeId,
        String url,
        String internalUrl,
        String region,
        Map<String, String> labels,
        String version,
        int capacity,
        double cpuLoad,
        int rooms,
        int peers,
        int producers,
        int consumers,
        long bitrateIn,
        long bitrateOut,
        NodeState state,
        long updatedAt) {

    public NodeRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        state = state == null ? NodeState.SERVING : state;
    }

    public boolean serving() {
        return state == NodeState.SERVING;
    }
}
