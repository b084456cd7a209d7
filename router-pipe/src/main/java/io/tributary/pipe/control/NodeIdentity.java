package io.tributary.pipe.control;

/**
 * Who is calling or answering: the node, the instance of its pipe service (new at every start, so a
 * restarted node is told apart from the one whose links died with it), and where its control API is.
 */
public record NodeIdentity(String nodeId, String instance, String controlUrl) {

    public RemoteNode node() {
        return new RemoteNode(nodeId, controlUrl);
    }
}
