package io.tributary.worker.rtcp;

/**
 * NTP timestamps (RFC 5905 64-bit form: seconds since 1900 in the upper 32 bits, fraction in the
 * lower) and the middle-32-bit "compact" form (16.16 seconds) that LSR, DLSR and RTT use.
 * Era 0 and 1 are told apart as RFC 4330 suggests: seconds below 2^31 mean after 2036.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 to 1970-01-01. */
    public static final long UNIX_EPOCH_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000L) + UNIX_EPOCH_SECONDS;
        long fraction = (Math.floorMod(unixMillis, 1000L) << 32) / 1000L;
        return (seconds << 32) | fraction;
    }

    public static long fromUnixMicros(long unixMicros) {
        long seconds = Math.floorDiv(unixMicros, 1_000_000L) + UNIX_EPOCH_SECONDS;
        long fraction = (Math.floorMod(unixMicros, 1_000_000L) << 32) / 1_000_000L;
        return (seconds << 32) | fraction;
    }

    /** Unix time in milliseconds, rounded to the nearest. */
    public static long toUnixMillis(long ntp) {
        long seconds = ntp >>> 32;
        if (seconds < 0x8000_0000L) {
            seconds += 1L << 32;
        }
        long millis = ((ntp & 0xFFFF_FFFFL) * 1000L + 0x8000_0000L) >>> 32;
        return (seconds - UNIX_EPOCH_SECONDS) * 1000L + millis;
    }

    /** The middle 32 bits (as used for LSR). */
    public static int compact(long ntp) {
        return (int) (ntp >>> 16);
    }

    /** A compact (16.16 seconds) duration in milliseconds, rounded to the nearest. */
    public static long compactToMillis(int compact) {
        return ((compact & 0xFFFF_FFFFL) * 1000L + 0x8000L) >>> 16;
    }

    /** A duration in milliseconds as compact 16.16 seconds (for DLSR). */
    public static int millisToCompact(long millis) {
        return (int) ((Math.max(millis, 0) << 16) / 1000L);
    }

    /**
     * Round trip time from a report block (RFC 3550 section 6.4.1): arrival time (compact NTP)
     * minus LSR minus DLSR, in milliseconds; -1 when no SR was received (LSR 0) and 0 when the
     * clocks give a negative value.
     */
    public static long rttMillis(int arrivalCompact, int lastSenderReport, int delaySinceLastSenderReport) {
        if (lastSenderReport == 0) {
            return -1;
        }
        int rtt = arrivalCompact - lastSenderReport - delaySinceLastSenderReport;
        return rtt < 0 ? 0 : compactToMillis(rtt);
    }
}
