package io.tributary.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The process' part in a cluster.
 *
 * @param role          standalone (one process, in-memory state), node (media, registered in Redis) or dispatcher
 * @param redisUrl      the cluster state: {@code redis://host:port}; null or "memory" for the in-memory one
 * @param region        the node's region, matched against the region of a room's first joiner
 * @param labels        free node labels (namespace pools and the like)
 * @param nodeId        the node's id in the registry; null: generated at start-up
 * @param capacity      peers the node is sized for (its weight in placement); 0: 200 per worker
 * @param strategy      the dispatcher's placement strategy by name; null: the default one
 * @param internalPort  the node-to-node control port; 0: none
 * @param drainTimeout  how long a draining node waits for its rooms to empty before it exits anyway
 * @param redirect      the dispatcher answers every protoo client with a redirect instead of proxying
 * @param pools         namespace -> node pool (nodes labelled {@code pool=NAME}); others are in the default pool
 * @param secret        the shared secret signing node-to-node calls; null: none (no internal API)
 * @param roomNodeCap   peers of one room per node before new peers spill to another node; 0: unlimited
 * @param routerConsumerBudget consumers on a room's router before new peers get a router on another worker;
 *                      0: unlimited
 */
public record ClusterConfig(Role role, String redisUrl, String region, Map<String, String> labels, String nodeId,
                            int capacity, String strategy, int internalPort, Duration drainTimeout, boolean redirect,
                            Map<String, String> pools, String secret, int roomNodeCap,
                            int routerConsumerBudget, RegionMap regions) {

    public enum Role {
        STANDALONE, NODE, DISPATCHER
    }

    public static final String DEFAULT_REGION = "default";
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);
    public static final int PEERS_PER_WORKER = 200;

    public ClusterConfig {
        labels = Map.copyOf(labels);
        pools = Map.copyOf(pools);
    }

    public static ClusterConfig defaults() {
        return new ClusterConfig(Role.STANDALONE, null, DEFAULT_REGION, Map.of(), null, 0, null, 0,
                DEFAULT_DRAIN_TIMEOUT, false, Map.of(), null, 0, 0, RegionMap.NONE);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Peers the node is sized for: the configured capacity, else {@link #PEERS_PER_WORKER} per worker. */
    public int effectiveCapacity(int workers) {
        return capacity > 0 ? capacity : PEERS_PER_WORKER * workers;
    }

    /** Changes a few settings of a config, as the command line does one option at a time. */
    public static final class Builder {
        private Role role;
        private String redisUrl;
        private String region;
        private Map<String, String> labels;
        private String nodeId;
        private int capacity;
        private String strategy;
        private int internalPort;
        private Duration drainTimeout;
        private boolean redirect;
        private Map<String, String> pools;
        private String secret;
        private int roomNodeCap;
        private int routerConsumerBudget;
        private RegionMap regions;

        private Builder(ClusterConfig c) {
            role = c.role;
            redisUrl = c.redisUrl;
            region = c.region;
            labels = c.labels;
            nodeId = c.nodeId;
            capacity = c.capacity;
            strategy = c.strategy;
            internalPort = c.internalPort;
            drainTimeout = c.drainTimeout;
            redirect = c.redirect;
            pools = c.pools;
            secret = c.secret;
            roomNodeCap = c.roomNodeCap;
            routerConsumerBudget = c.routerConsumerBudget;
            regions = c.regions;
        }

        public Builder role(Role value) {
            role = value;
            return this;
        }

        public Builder redisUrl(String value) {
            redisUrl = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder nodeId(String value) {
            nodeId = value;
            return this;
        }

        public Builder capacity(int value) {
            capacity = value;
            return this;
        }

        public Builder strategy(String value) {
            strategy = value;
            return this;
        }

        public Builder internalPort(int value) {
            internalPort = value;
            return this;
        }

        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        public Builder redirect(boolean value) {
            redirect = value;
            return this;
        }

        public Builder pools(Map<String, String> value) {
            pools = value;
            return this;
        }

        public Builder secret(String value) {
            secret = value;
            return this;
        }

        public Builder roomNodeCap(int value) {
            roomNodeCap = value;
            return this;
        }

        public Builder routerConsumerBudget(int value) {
            routerConsumerBudget = value;
            return this;
        }

        public Builder regionCidrs(Map<String, String> value) {
            regions = regions.withCidrs(value);
            return this;
        }

        public Builder regionFallback(Map<String, List<String>> value) {
            regions = regions.withFallback(value);
            return this;
        }

        public ClusterConfig build() {
            return new ClusterConfig(role, redisUrl, region, labels, nodeId, capacity, strategy, internalPort,
                    drainTimeout, redirect, pools, secret, roomNodeCap, routerConsumerBudget, regions);
        }
    }
}
