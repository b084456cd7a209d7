package io.tributary.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.server.browser.Browsers.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the browser tests check of media: each peer's audio and camera video reach a page and keep coming. */
final class BrowserMedia {

    /** ICE, DTLS, a key frame and the first decoded frames. */
    static final Duration MEDIA_STARTS = Duration.ofSeconds(30);
    static final Duration SIGNALING = Duration.ofSeconds(15);
    private static final long FRAMES_MORE = 10;
    private static final long PACKETS_MORE = 20;

    private BrowserMedia() {
    }

    /**
     * Each peer's audio and camera video reach {@code page} and keep coming: packetsReceived (audio)
     * and framesDecoded (video) grow past a first sample.
     */
    static void awaitMediaFrom(Page page, String... peerIds) {
        JsonNode first = page.await("audio and video from " + List.of(peerIds), "tributary.stats()",
                stats -> receiving(stats, peerIds, null), MEDIA_STARTS);
        page.await("audio and video from " + List.of(peerIds) + " to keep coming", "tributary.stats()",
                stats -> receiving(stats, peerIds, first), SIGNALING);
    }

    private static boolean receiving(JsonNode stats, String[] peerIds, JsonNode baseline) {
        for (String peerId : peerIds) {
            for (String kind : List.of("audio", "video")) {
                List<JsonNode> consumers = consumersOf(stats, peerId, kind);
                if (consumers.isEmpty()) {
                    return false;
                }
                JsonNode consumer = consumers.get(0);
                String counter = kind.equals("video") ? "framesDecoded" : "packetsReceived";
                long now = consumer.path(counter).asLong();
                if (baseline == null ? now == 0 : now < sampleOf(baseline, consumer, counter)
                        + (kind.equals("video") ? FRAMES_MORE : PACKETS_MORE)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long sampleOf(JsonNode stats, JsonNode consumer, String counter) {
        for (JsonNode c : stats.get("consumers")) {
            if (c.get("id").equals(consumer.get("id"))) {
                return c.path(counter).asLong();
            }
        }
        return 0;
    }

    /** Consumers (in state() or stats()) of {@code peerId}'s camera or mic, of one kind or (null) both. */
    static List<JsonNode> consumersOf(JsonNode stateOrStats, String peerId, String kind) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode c : stateOrStats.get("consumers")) {
            if (c.get("peerId").asText().equals(peerId) && !c.path("share").asBoolean()
                    && (kind == null || c.get("kind").asText().equals(kind))) {
                found.add(c);
            }
        }
        return found;
    }
}
