package io.tributary.dispatcher.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client address ranges to regions (IPv4 and IPv6 CIDRs), longest prefix first, e.g.
 * {@code 10.1.0.0/16 -> eu-west}, {@code 2001:db8:1::/48 -> us-east}. Immutable.
 */
public final class CidrTable {

    private record Range(byte[] network, int prefix, String region) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private CidrTable(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static CidrTable empty() {
        return new CidrTable(List.of());
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code address/prefix} */
    public static CidrTable parse(Map<String, String> cidrToRegion) {
        List<Range> ranges = new ArrayList<>();
        cidrToRegion.forEach((cidr, region) -> ranges.add(range(cidr, region)));
        ranges.sort(Comparator.comparingInt(Range::prefix).reversed());
        return new CidrTable(List.copyOf(ranges));
    }

    /** The region of the most specific range holding {@code clientIp}; empty when none does or it is no IP literal. */
    public Optional<String> regionOf(String clientIp) {
        return IpLiteral.parse(clientIp).flatMap(address -> ranges.stream()
                .filter(range -> range.contains(address))
                .map(Range::region)
                .findFirst());
    }

    private static Range range(String cidr, String region) {
        int slash = cidr.indexOf('/');
        Optional<byte[]> network = slash < 0 ? Optional.empty() : IpLiteral.parse(cidr.substring(0, slash));
        if (network.isEmpty() || region == null || region.isBlank()) {
            throw new IllegalArgumentException("not a CIDR -> region entry: " + cidr + " -> " + region);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + cidr, e);
        }
        if (prefix < 0 || prefix > network.get().length * 8) {
            throw new IllegalArgumentException("prefix length out of range in " + cidr);
        }
        return new Range(network.get(), prefix, region);
    }
}
