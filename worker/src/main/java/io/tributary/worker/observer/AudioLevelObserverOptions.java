package io.tributary.worker.observer;

import java.util.Map;

/**
 * {@code router.createAudioLevelObserver()} options; untyped like their JavaScript originals so the
 * same wrong arguments give the same TypeErrors. Null means mediasoup's default.
 */
public record AudioLevelObserverOptions(Object maxEntries, Object threshold, Object interval, Map<String, Object> appData) {

    public AudioLevelObserverOptions {
        appData = appData == null ? Map.of() : appData;
    }

    public static AudioLevelObserverOptions defaults() {
        return new AudioLevelObserverOptions(null, null, null, Map.of());
    }

    public AudioLevelObserverOptions withMaxEntries(Object value) {
        return new AudioLevelObserverOptions(value, threshold, interval, appData);
    }

    public AudioLevelObserverOptions withThreshold(Object value) {
        return new AudioLevelObserverOptions(maxEntries, value, interval, appData);
    }

    public AudioLevelObserverOptions withInterval(Object value) {
        return new AudioLevelObserverOptions(maxEntries, threshold, value, appData);
    }

    public AudioLevelObserverOptions withAppData(Map<String, Object> value) {
        return new AudioLevelObserverOptions(maxEntries, threshold, interval, value);
    }
}
