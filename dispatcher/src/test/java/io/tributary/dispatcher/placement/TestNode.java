package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import io.tributary.state.NodeState;
import java.util.Map;

/** Node records for tests: the fields placement reads, the rest fixed. */
record TestNode(String id, int capacity, int peers, double cpuLoad, String region, Map<String, String> labels,
                NodeState state, long updatedAt) {

    static TestNode of(String id, int capacity) {
        return new TestNode(id, capacity, 0, 0, "eu", Map.of(), NodeState.SERVING, 0);
    }

    TestNode peers(int value) {
        return new TestNode(id, capacity, value, cpuLoad, region, labels, state, updatedAt);
    }

    TestNode cpu(double value) {
        return new TestNode(id, capacity, peers, value, region, labels, state, updatedAt);
    }

    TestNode region(String value) {
        return new TestNode(id, capacity, peers, cpuLoad, value, labels, state, updatedAt);
    }

    TestNode labels(Map<String, String> value) {
        return new TestNode(id, capacity, peers, cpuLoad, region, value, state, updatedAt);
    }

    TestNode draining() {
        return new TestNode(id, capacity, peers, cpuLoad, region, labels, NodeState.DRAINING, updatedAt);
    }

    TestNode at(long value) {
        return new TestNode(id, capacity, peers, cpuLoad, region, labels, state, value);
    }

    NodeRecord record() {
        return new NodeRecord(id, "ws://" + id, "http://" + id + ":9000", region, labels, "test", capacity, cpuLoad,
                0, peers, 0, 0, 0, 0, state, updatedAt);
    }
}
