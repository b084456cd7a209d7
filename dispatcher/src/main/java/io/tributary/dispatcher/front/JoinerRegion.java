package io.tributary.dispatcher.front;

import io.tributary.dispatcher.region.CidrTable;
import io.tributary.dispatcher.region.RegionResolver;
import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;

/**
 * The region a room's first joiner comes from: {@code ?region=}, else the {@code X-Tributary-Region}
 * header, else the configured region of the client's address range.
 */
public final class JoinerRegion {

    public static final String HEADER = RegionResolver.HEADER;
    /** Query parameter and header only: what a node uses, and a dispatcher without address ranges. */
    public static final JoinerRegion NAMED_ONLY = new JoinerRegion(CidrTable.empty());

    private final RegionResolver resolver;

    public JoinerRegion(CidrTable cidrs) {
        this.resolver = new RegionResolver(cidrs, null);
    }

    /** Null when nothing names a region (no preference). */
    public String of(String queryRegion, MultiMap headers, SocketAddress remote) {
        return resolver.resolve(queryRegion, headers.get(HEADER), remote == null ? null : remote.hostAddress())
                .orElse(null);
    }

    /** {@link #NAMED_ONLY}'s answer, for callers without a client address. */
    public static String of(String queryRegion, MultiMap headers) {
        return NAMED_ONLY.of(queryRegion, headers, null);
    }
}
