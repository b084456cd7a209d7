package io.tributary.dispatcher.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionResolverTest {

    private static final CidrTable TABLE = CidrTable.parse(Map.of(
            "10.0.0.0/8", "eu-west",
            "10.20.0.0/16", "eu-central",
            "192.168.1.128/25", "lab",
            "2001:db8::/32", "us-east",
            "2001:db8:ab00::/40", "us-west"));

    private final RegionResolver resolver = new RegionResolver(TABLE, "default-region");

    @Test
    void queryParameterThenHeaderThenAddressThenDefault() {
        assertEquals(Optional.of("ap-south"), resolver.resolve("ap-south", "us-east", "10.20.1.1"));
        assertEquals(Optional.of("us-east"), resolver.resolve(null, "us-east", "10.20.1.1"));
        assertEquals(Optional.of("eu-central"), resolver.resolve(null, null, "10.20.1.1"));
        assertEquals(Optional.of("default-region"), resolver.resolve(null, null, "172.16.0.1"));
        assertEquals(Optional.empty(), new RegionResolver(CidrTable.empty(), null).resolve(null, null, "10.0.0.1"));
    }

    @Test
    void valuesThatAreNoRegionNameAreIgnored() {
        assertEquals(Optional.of("eu-west"), resolver.resolve("eu west; drop", " ", "10.1.2.3"));
        assertEquals(Optional.of("eu-west"), resolver.resolve("x".repeat(65), null, "10.1.2.3"));
    }

    @Test
    void longestIpv4PrefixWins() {
        assertEquals(Optional.of("eu-west"), TABLE.regionOf("10.21.0.1"));
        assertEquals(Optional.of("eu-central"), TABLE.regionOf("10.20.255.255"));
        assertEquals(Optional.of("lab"), TABLE.regionOf("192.168.1.200"));
        assertEquals(Optional.empty(), TABLE.regionOf("192.168.1.127"));
        assertEquals(Optional.of("eu-central"), TABLE.regionOf("::ffff:10.20.0.9"), "IPv4-mapped IPv6");
    }

    @Test
    void ipv6Ranges() {
        assertEquals(Optional.of("us-east"), TABLE.regionOf("2001:db8:1::5"));
        assertEquals(Optional.of("us-west"), TABLE.regionOf("2001:db8:abcd::1"));
        assertEquals(Optional.of("us-west"), TABLE.regionOf("[2001:db8:ab12::1%eth0]"));
        assertEquals(Optional.empty(), TABLE.regionOf("2001:db9::1"));
    }

    @Test
    void onlyAddressLiteralsAreLookedAt() {
        assertEquals(Optional.empty(), TABLE.regionOf("localhost"));
        assertEquals(Optional.empty(), TABLE.regionOf("example.com"));
        assertEquals(Optional.empty(), TABLE.regionOf("300.1.1.1"));
        assertEquals(Optional.empty(), TABLE.regionOf(null));
    }

    @Test
    void malformedEntriesAreRejectedByName() {
        IllegalArgumentException noPrefix = assertThrows(IllegalArgumentException.class,
                () -> CidrTable.parse(Map.of("10.0.0.0", "eu")));
        assertTrue(noPrefix.getMessage().contains("10.0.0.0"), noPrefix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CidrTable.parse(Map.of("10.0.0.0/33", "eu")));
        assertThrows(IllegalArgumentException.class, () -> CidrTable.parse(Map.of("2001:db8::/129", "eu")));
        assertThrows(IllegalArgumentException.class, () -> CidrTable.parse(Map.of("host.example/8", "eu")));
        assertThrows(IllegalArgumentException.class, () -> CidrTable.parse(Map.of("10.0.0.0/x", "eu")));
    }
}
