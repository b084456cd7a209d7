package io.tributary.state;

/** The contract against the single-process state. */
class InMemoryClusterStateTest extends ClusterStateContract {

    @Override
    protected ClusterState newState() {
        return new InMemoryClusterState();
    }
}
