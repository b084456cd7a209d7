package io.tributary.worker.observer;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.AudioLevel;
import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's AudioLevelObserver: every interval, the average ssrc-audio-level of each added producer
 * (those with at least 10 packets), loudest first, down to the threshold; {@code silence} once when
 * none qualifies after some did.
 */
public final class AudioLevelObserver extends RtpObserver {

    /** One producer's average volume in dBov over the last interval. */
    public record Volume(Producer producer, int volume) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Event<List<Volume>> VOLUMES = (Event) Event.of("volumes", List.class);
    public static final Event<Void> SILENCE = Event.signal("silence");

    private static final int MIN_PACKETS = 10;

    private final int maxEntries;
    private final int threshold;
    private final Map<Producer, Levels> levels = new IdentityHashMap<>();
    // mediasoup starts silent, so 'silence' only follows 'volumes'
    private boolean silence = true;

    private AudioLevelObserver(String id, Host host, int maxEntries, int threshold, long intervalMs,
                               Map<String, Object> appData) {
        super(id, host, intervalMs, appData);
        this.maxEntries = maxEntries;
        this.threshold = threshold;
    }

    /** Validates like mediasoup's Router.createAudioLevelObserver(); the worker clamps the interval to [250, 5000]. */
    public static AudioLevelObserver create(String id, Host host, AudioLevelObserverOptions options) {
        double maxEntries = ObserverOptions.number(options.maxEntries(), 1, "maxEntries");
        if (maxEntries <= 0) {
            throw new TypeError("if given, maxEntries must be a positive number");
        }
        double threshold = ObserverOptions.number(options.threshold(), -80, "threshold");
        if (threshold < -127 || threshold > 0) {
            throw new TypeError("if given, threshold must be a negative number greater than -127");
        }
        double interval = ObserverOptions.number(options.interval(), 1000, "interval");
        return new AudioLevelObserver(id, host, (int) maxEntries, (int) threshold,
                ObserverOptions.clampInterval(interval, 250, 5000), options.appData());
    }

    public int maxEntries() {
        return maxEntries;
    }

    public int threshold() {
        return threshold;
    }

    @Override
    protected void onRtp(Producer producer, RtpPacket packet) {
        int raw = packet.audioLevel(RtpExtensionIds.AUDIO_LEVEL);
        Levels producerLevels = levels.get(producer);
        if (raw < 0 || producerLevels == null) {
            return;
        }
        producerLevels.sum += AudioLevel.level(raw);
        producerLevels.count++;
    }

    @Override
    protected void onInterval() {
        List<Volume> volumes = new ArrayList<>();
        for (Map.Entry<Producer, Levels> entry : levels.entrySet()) {
            Levels producerLevels = entry.getValue();
            if (producerLevels.count >= MIN_PACKETS) {
                int volume = -(int) Math.round((double) producerLevels.sum / producerLevels.count);
                if (volume >= threshold) {
                    volumes.add(new Volume(entry.getKey(), volume));
                }
            }
            producerLevels.reset();
        }
        if (!volumes.isEmpty()) {
            volumes.sort((a, b) -> Integer.compare(b.volume(), a.volume()));
            silence = false;
            events.emit(VOLUMES, List.copyOf(volumes.subList(0, Math.min(maxEntries, volumes.size()))));
        } else if (!silence) {
            silence = true;
            events.emit(SILENCE);
        }
    }

    @Override
    protected void onPaused() {
        levels.values().forEach(Levels::reset);
        if (!silence) {
            silence = true;
            events.emit(SILENCE);
        }
    }

    @Override
    protected void onProducerAdded(Producer producer) {
        levels.put(producer, new Levels());
    }

    @Override
    protected void onProducerRemoved(Producer producer) {
        levels.remove(producer);
    }

    /** Sum and count of one producer's levels (in -dBov) during the current interval. */
    private static final class Levels {
        long sum;
        int count;

        void reset() {
            sum = 0;
            count = 0;
        }
    }
}
