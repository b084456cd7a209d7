package io.tributary.worker.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void unixEpochAndFractions() {
        assertEquals(2_208_988_800L << 32, NtpTime.fromUnixMillis(0));
        assertEquals(((2_208_988_801L) << 32) | 0x8000_0000L, NtpTime.fromUnixMillis(1500));
        assertEquals(((2_208_988_801L) << 32) | 0x4000_0000L, NtpTime.fromUnixMicros(1_250_000));
        assertEquals(1500, NtpTime.toUnixMillis(NtpTime.fromUnixMillis(1500)));
        assertEquals(-1, NtpTime.toUnixMillis(NtpTime.fromUnixMillis(-1)), "before 1970 still works");
    }

    @Test
    void roundTripsMillisAcrossEras() {
        long[] samples = {1_700_000_000_123L, 2_085_978_495_999L, 2_085_978_496_000L, 2_200_000_000_456L};
        for (long ms : samples) {
            assertEquals(ms, NtpTime.toUnixMillis(NtpTime.fromUnixMillis(ms)), "at " + ms);
        }
    }

    @Test
    void compactForm() {
        long ntp = 0x1234_5678_9ABC_DEF0L;
        assertEquals(0x5678_9ABC, NtpTime.compact(ntp));
        assertEquals(1000, NtpTime.compactToMillis(0x1_0000));
        assertEquals(1500, NtpTime.compactToMillis(0x1_8000));
        assertEquals(0x1_8000, NtpTime.millisToCompact(1500));
        assertEquals(0, NtpTime.millisToCompact(-5));
        assertEquals(65_536_000L, NtpTime.compactToMillis(0xFFFF_FFFF) + 0, "unsigned");
    }

    @Test
    void roundTripTime() {
        int lsr = 0x1234_0000;
        int dlsr = NtpTime.millisToCompact(500);
        int arrival = lsr + dlsr + NtpTime.millisToCompact(100);
        assertEquals(100, NtpTime.rttMillis(arrival, lsr, dlsr));
        assertEquals(-1, NtpTime.rttMillis(arrival, 0, dlsr));
        assertEquals(0, NtpTime.rttMillis(lsr, lsr, dlsr));
    }
}
