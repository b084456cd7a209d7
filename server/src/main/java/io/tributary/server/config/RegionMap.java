package io.tributary.server.config;

import java.util.List;
import java.util.Map;

/**
 * Where joiners come from and where a room goes when its region has no node: client address ranges
 * to regions ({@code --region-cidrs}) and, per region, the other regions nearest first
 * ({@code --region-fallback}).
 */
public record RegionMap(Map<String, String> cidrs, Map<String, List<String>> fallback) {

    public static final RegionMap NONE = new RegionMap(Map.of(), Map.of());

    public RegionMap {
        cidrs = Map.copyOf(cidrs);
        fallback = Map.copyOf(fallback);
    }

    public RegionMap withCidrs(Map<String, String> value) {
        return new RegionMap(value, fallback);
    }

    public RegionMap withFallback(Map<String, List<String>> value) {
        return new RegionMap(cidrs, value);
    }
}
