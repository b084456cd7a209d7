package io.tributary.worker.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalabilityModeTest {

    @ParameterizedTest(name = "{0} -> L{1} T{2} ksvc={3}")
    @CsvSource(nullValues = "undefined", value = {
        "L1T3, 1, 3, false",
        "L3T2_KEY, 3, 2, true",
        "S2T3, 2, 3, false",
        "L4T7_KEY_SHIFT, 4, 7, true",
        "L20T3, 20, 3, false",
        "S0T3, 1, 1, false",
        "S1T0, 1, 1, false",
        "S200T3, 1, 1, false",
        "foo, 1, 1, false",
        "undefined, 1, 1, false",
        "'', 1, 1, false",
        "l1t3, 1, 1, false",
        "L3T3_KEY, 3, 3, true",
        "L99T99, 99, 99, false",
        "L1T3_K, 1, 3, false",
    })
    void parsesLikeMediasoup(String mode, int spatial, int temporal, boolean ksvc) {
        assertEquals(new ScalabilityMode(spatial, temporal, ksvc), Ortc.parseScalabilityMode(mode));
    }
}
