package io.tributary.client.media.ice;

import java.time.Duration;

/**
 * Timers of the controlling agent.
 *
 * @param initialRto      first retransmission interval of the connectivity check (doubles each time)
 * @param maxRto          cap of the retransmission interval
 * @param checkTimeout    ICE fails when no authenticated success arrives within this time
 * @param consentInterval a consent check is sent this often once connected (RFC 7675: about 5 s)
 * @param consentTimeout  consent is lost after this long without a success response (RFC 7675: 30 s)
 */
public record IceTimings(Duration initialRto, Duration maxRto, Duration checkTimeout, Duration consentInterval,
                         Duration consentTimeout) {

    public IceTimings {
        if (initialRto.toMillis() < 1 || maxRto.compareTo(initialRto) < 0 || checkTimeout.toMillis() < 1
                || consentInterval.toMillis() < 1 || consentTimeout.compareTo(consentInterval) < 0) {
            throw new IllegalArgumentException("invalid ICE timings " + this);
        }
    }

    /** Loopback-friendly retransmissions (100 ms doubling to 800 ms), a 10 s check timeout, RFC 7675 consent. */
    public static IceTimings defaults() {
        return new IceTimings(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public IceTimings withCheckTimeout(Duration timeout) {
        return new IceTimings(initialRto, maxRto, timeout, consentInterval, consentTimeout);
    }

    public IceTimings withConsent(Duration interval, Duration timeout) {
        return new IceTimings(initialRto, maxRto, checkTimeout, interval, timeout);
    }
}
