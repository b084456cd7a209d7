package io.tributary.worker.observer;

import io.tributary.worker.events.Event;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.AudioLevel;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * mediasoup's ActiveSpeakerObserver, with a simpler rule than its Volfin-Cohen port: each producer's
 * loudness (127 minus its average -dBov, 0 without packets) is smoothed across intervals; the loudest
 * producer above an activity floor becomes dominant, and takes over from the current one only when
 * louder by a hysteresis margin, so brief interjections do not flap the speaker.
 */
public final class ActiveSpeakerObserver extends RtpObserver {

    /** The dominant producer changed. */
    public static final Event<Producer> DOMINANT_SPEAKER = Event.of("dominantspeaker", Producer.class);

    /** Smoothed loudness below this (about -107 dBov) is not speech. */
    static final double ACTIVITY_FLOOR = 20;
    /** How much louder a challenger must be to take over. */
    static final double HYSTERESIS = 6;
    /** Weight of the newest interval in the smoothed loudness. */
    private static final double SMOOTHING = 0.5;

    private final Map<Producer, Loudness> loudness = new IdentityHashMap<>();
    private Producer dominant;

    private ActiveSpeakerObserver(String id, Host host, long intervalMs, Map<String, Object> appData) {
        super(id, host, intervalMs, appData);
    }

    /** Validates like mediasoup's Router.createActiveSpeakerObserver(); the worker clamps the interval to [100, 5000]. */
    public static ActiveSpeakerObserver create(String id, Host host, ActiveSpeakerObserverOptions options) {
        double interval = ObserverOptions.number(options.interval(), 300, "interval");
        return new ActiveSpeakerObserver(id, host, ObserverOptions.clampInterval(interval, 100, 5000), options.appData());
    }

    /** The current dominant producer, or null. */
    public Producer dominant() {
        return dominant;
    }

    @Override
    protected void onRtp(Producer producer, RtpPacket packet) {
        int raw = packet.audioLevel(RtpExtensionIds.AUDIO_LEVEL);
        Loudness producerLoudness = loudness.get(producer);
        if (raw < 0 || producerLoudness == null) {
            return;
        }
        producerLoudness.sum += 127 - AudioLevel.level(raw);
        producerLoudness.count++;
    }

    @Override
    protected void onInterval() {
        for (Loudness producerLoudness : loudness.values()) {
            double current = producerLoudness.count == 0 ? 0 : (double) producerLoudness.sum / producerLoudness.count;
            producerLoudness.smoothed = SMOOTHING * current + (1 - SMOOTHING) * producerLoudness.smoothed;
            producerLoudness.sum = 0;
            producerLoudness.count = 0;
        }
        evaluate();
    }

    private void evaluate() {
        Producer loudest = null;
        double loudestScore = ACTIVITY_FLOOR;
        for (Map.Entry<Producer, Loudness> entry : loudness.entrySet()) {
            if (entry.getValue().smoothed >= loudestScore) {
                loudest = entry.getKey();
                loudestScore = entry.getValue().smoothed;
            }
        }
        if (loudest == null || loudest == dominant) {
            return;
        }
        if (dominant != null && loudestScore < loudness.get(dominant).smoothed + HYSTERESIS) {
            return;
        }
        dominant = loudest;
        events.emit(DOMINANT_SPEAKER, loudest);
    }

    @Override
    protected void onPaused() {
        loudness.values().forEach(Loudness::reset);
    }

    @Override
    protected void onProducerAdded(Producer producer) {
        loudness.put(producer, new Loudness());
    }

    @Override
    protected void onProducerRemoved(Producer producer) {
        loudness.remove(producer);
        if (producer == dominant) {
            dominant = null;
            evaluate();
        }
    }

    /** One producer's loudness: this interval's sum and count, and the smoothed value. */
    private static final class Loudness {
        long sum;
        int count;
        double smoothed;

        void reset() {
            sum = 0;
            count = 0;
            smoothed = 0;
        }
    }
}
