package io.tributary.server.room;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tributary.server.http.Json;
import io.tributary.worker.ortc.RtpCodecCapability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The routers' media codecs: by default those of the mediasoup-demo server's config. */
public final class MediaCodecs {

    private static final String DEMO_RESOURCE = "media-codecs.json";

    private MediaCodecs() {
    }

    /** opus, VP8, VP9 (profile 2) and two H.264 profiles, exactly as mediasoup-demo configures them. */
    public static List<RtpCodecCapability> demoDefaults() {
        try (InputStream in = MediaCodecs.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEMO_RESOURCE);
            }
            return Json.MAPPER.readValue(in, new TypeReference<List<RtpCodecCapability>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
