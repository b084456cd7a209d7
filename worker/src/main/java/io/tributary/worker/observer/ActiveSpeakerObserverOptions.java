package io.tributary.worker.observer;

import java.util.Map;

/** {@code router.createActiveSpeakerObserver()} options; {@code interval} untyped as in JavaScript, null for 300. */
public record ActiveSpeakerObserverOptions(Object interval, Map<String, Object> appData) {

    public ActiveSpeakerObserverOptions {
        appData = appData == null ? Map.of() : appData;
    }

    public static ActiveSpeakerObserverOptions defaults() {
        return new ActiveSpeakerObserverOptions(null, Map.of());
    }

    public ActiveSpeakerObserverOptions withInterval(Object value) {
        return new ActiveSpeakerObserverOptions(value, appData);
    }

    public ActiveSpeakerObserverOptions withAppData(Map<String, Object> value) {
        return new ActiveSpeakerObserverOptions(interval, value);
    }
}
