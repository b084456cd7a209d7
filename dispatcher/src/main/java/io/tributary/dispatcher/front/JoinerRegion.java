package io.tributary.dispatcher.front;

import io.vertx.core.MultiMap;

/** The region a room's first joiner comes from: {@code ?region=}, else the {@code X-Tributary-Region} header. */
public final class JoinerRegion {

    public static final String HEADER = "X-Tributary-Region";

    private JoinerRegion() {
    }

    public static String of(String queryRegion, MultiMap headers) {
        String region = queryRegion == null || queryRegion.isBlank() ? headers.get(HEADER) : queryRegion;
        return region == null || region.isBlank() ? null : region.trim();
    }
}
