package io.tributary.pipe.link;

/** What one pipe transport pair joins: a router here and a router (by key) on another node. */
public record LinkKey(String localRouterId, String remoteNodeId, String remoteRouterKey) {
}
