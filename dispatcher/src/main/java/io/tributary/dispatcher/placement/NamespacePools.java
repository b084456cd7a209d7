package io.tributary.dispatcher.placement;

import io.tributary.state.NodeRecord;
import java.util.Arrays;
import java.util.Map;

/**
 * Which nodes may host a namespace's rooms. The rule: a node labelled {@code namespaces=a,b} is
 * dedicated and hosts exactly those namespaces ({@code *} hosts all). Any other node is in the pool
 * its {@code pool} label names ({@code default} without one) and hosts the namespaces assigned to
 * that pool; a namespace assigned to no pool is in {@code default}. So with no labels and no
 * assignments every node hosts every namespace.
 */
public final class NamespacePools {

    public static final String POOL_LABEL = "pool";
    public static final String NAMESPACES_LABEL = "namespaces";
    public static final String DEFAULT_POOL = "default";

    private final Map<String, String> poolOfNamespace;

    /** @param poolOfNamespace namespace -> pool name, for the namespaces not in {@code default} */
    public NamespacePools(Map<String, String> poolOfNamespace) {
        this.poolOfNamespace = Map.copyOf(poolOfNamespace);
    }

    public static NamespacePools none() {
        return new NamespacePools(Map.of());
    }

    public String poolOf(String namespace) {
        return poolOfNamespace.getOrDefault(namespace, DEFAULT_POOL);
    }

    public boolean admits(NodeRecord node, String namespace) {
        String dedicated = node.labels().get(NAMESPACES_LABEL);
        if (dedicated != null) {
            return Arrays.stream(dedicated.split(","))
                    .map(String::trim)
                    .anyMatch(entry -> entry.equals("*") || entry.equals(namespace));
        }
        return node.labels().getOrDefault(POOL_LABEL, DEFAULT_POOL).equals(poolOf(namespace));
    }
}
