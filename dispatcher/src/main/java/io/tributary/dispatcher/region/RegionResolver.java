package io.tributary.dispatcher.region;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The region of a room's first joiner, from what the front has of the request, first match wins:
 * an explicit query parameter ({@value #QUERY_PARAMETER}), a header ({@value #HEADER}, e.g. set by
 * a CDN or an edge proxy), the client address in the CIDR table, then the configured default.
 * A value that is no region name (letters, digits, {@code . _ -}, at most 64) is ignored.
 */
public final class RegionResolver {

    public static final String QUERY_PARAMETER = "region";
    public static final String HEADER = "X-Tributary-Region";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final CidrTable cidrs;
    private final String defaultRegion;

    /** @param defaultRegion when nothing else names one; null for "no preference" */
    public RegionResolver(CidrTable cidrs, String defaultRegion) {
        this.cidrs = cidrs;
        this.defaultRegion = defaultRegion;
    }

    /** Any argument may be null (not present). */
    public Optional<String> resolve(String queryValue, String headerValue, String clientIp) {
        return named(queryValue)
                .or(() -> named(headerValue))
                .or(() -> cidrs.regionOf(clientIp))
                .or(() -> Optional.ofNullable(defaultRegion));
    }

    private static Optional<String> named(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return NAME.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }
}
