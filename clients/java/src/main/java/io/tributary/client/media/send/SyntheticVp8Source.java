package io.tributary.client.media.send;

import io.tributary.client.media.MediaClock;
import io.tributary.client.media.MediaOutput;
import io.tributary.client.media.PeerLoop;
import io.tributary.client.media.SyntheticPayload;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.ParameterMap;
import io.tributary.worker.ortc.RtcpFeedback;
import io.tributary.worker.ortc.RtcpParameters;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpParameters;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * VP8-shaped video, one or several encodings on one frame clock: L1T3 temporal layering (TID 0, 2,
 * 1, 2), key frames first, periodically, on request (API, PLI, FIR) and after a resume; each frame
 * split over as many packets as its size needs, the marker on the last.
 */
public final class SyntheticVp8Source implements Publication {

    static final int CLOCK_RATE = 90_000;
    /** Temporal layer of each frame in the L1T3 pattern. */
    private static final int[] TEMPORAL_PATTERN = {0, 2, 1, 2};
    /** Key frames are this many times larger than delta frames. */
    private static final int KEY_FRAME_FACTOR = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Per-encoding codec state. */
    private static final class Encoding {
        final Vp8Layer layer;
        final OutboundStream stream;
        final long timestampBase = RANDOM.nextInt() & 0xFFFF_FFFFL;
        int pictureId = RANDOM.nextInt(0x8000);
        int tl0PicIdx = RANDOM.nextInt(0x100);
        int patternIndex;
        int frameNumber;
        boolean needsKeyFrame = true;
        long lastKeyFrameMs;

        Encoding(Vp8Layer layer, OutboundStream stream) {
            this.layer = layer;
            this.stream = stream;
        }
    }

    private final PeerLoop loop;
    private final Vp8Options options;
    private final String cname;
    private final List<Encoding> encodings = new ArrayList<>();
    private final List<OutboundStream> streams;
    private long timer = -1;
    private long startMicros = -1;
    private volatile boolean closed;

    public SyntheticVp8Source(PeerLoop loop, MediaOutput output, Vp8Options options, String cname) {
        this.loop = loop;
        this.options = options;
        this.cname = cname;
        List<OutboundStream> list = new ArrayList<>();
        for (Vp8Layer layer : options.layers()) {
            long rtxSsrc = options.rtxPayloadType() > 0 ? layer.rtxSsrc() : 0;
            OutboundStream stream = new OutboundStream(loop, output, layer.ssrc(), options.payloadType(),
                    rtxSsrc, options.rtxPayloadType(), CLOCK_RATE, options.mid(), layer.rid(),
                    options.extensions());
            encodings.add(new Encoding(layer, stream));
            list.add(stream);
        }
        this.streams = List.copyOf(list);
    }

    @Override
    public void start() {
        loop.execute(() -> {
            if (!closed && timer < 0) {
                timer = loop.setPeriodic(Math.max(1, 1000 / options.fps()), this::tick);
            }
        });
    }

    private void tick() {
        if (closed) {
            return;
        }
        long nowMicros = MediaClock.nowMicros();
        if (startMicros < 0) {
            startMicros = nowMicros;
        }
        long nowMs = nowMicros / 1000;
        for (Encoding encoding : encodings) {
            if (encoding.stream.isPaused()) {
                // A receiver resuming mid-GOP could not decode: restart with a key frame.
                encoding.needsKeyFrame = true;
                continue;
            }
            boolean periodic = options.keyFrameIntervalMs() > 0
                    && nowMs - encoding.lastKeyFrameMs >= options.keyFrameIntervalMs();
            boolean requested = encoding.stream.takeKeyFrameRequest();
            boolean key = encoding.needsKeyFrame || periodic || requested;
            emitFrame(encoding, nowMicros - startMicros, key, nowMs);
        }
    }

    /** The RTP clock follows capture time ({@code captureMicros} since the first frame), as a camera's does. */
    private void emitFrame(Encoding encoding, long captureMicros, boolean key, long nowMs) {
        if (key) {
            encoding.patternIndex = 0;
            encoding.needsKeyFrame = false;
            encoding.lastKeyFrameMs = nowMs;
        }
        int temporalId = TEMPORAL_PATTERN[encoding.patternIndex];
        if (temporalId == 0) {
            encoding.tl0PicIdx = (encoding.tl0PicIdx + 1) & 0xFF;
        }
        // Y: upper-layer frames that reference only the base layer (the first TL2 and the TL1 frame).
        boolean layerSync = temporalId > 0 && encoding.patternIndex != 3;
        long timestamp = (encoding.timestampBase + captureMicros * CLOCK_RATE / 1_000_000L) & 0xFFFF_FFFFL;
        Vp8Layer layer = encoding.layer;
        int frameBytes = Math.max(SyntheticPayload.MIN_LENGTH,
                layer.bitrateBps() / 8 / options.fps() * (key ? KEY_FRAME_FACTOR : 1));
        int bodyCapacity = options.maxPayloadBytes() - Vp8FrameWriter.DESCRIPTOR_LENGTH
                - Vp8FrameWriter.KEY_HEADER_LENGTH;
        int packets = (frameBytes + bodyCapacity - 1) / bodyCapacity;
        Vp8FrameWriter.Frame info = new Vp8FrameWriter.Frame(encoding.pictureId, encoding.tl0PicIdx, temporalId,
                layerSync, key, layer.width(), layer.height(), (int) layer.ssrc(), encoding.frameNumber, packets);
        encoding.stream.countFrame(key, timestamp);
        long sendMicros = MediaClock.nowMicros();
        for (int i = 0; i < packets; i++) {
            int body = Math.max(SyntheticPayload.MIN_LENGTH, frameBytes / packets + (i < frameBytes % packets ? 1 : 0));
            byte[] payload = Vp8FrameWriter.packet(info, i, body, frameBytes, sendMicros);
            encoding.stream.send(timestamp, i == packets - 1, payload);
        }
        encoding.frameNumber++;
        encoding.pictureId = (encoding.pictureId + 1) & 0x7FFF;
        encoding.patternIndex = (encoding.patternIndex + 1) % TEMPORAL_PATTERN.length;
    }

    @Override
    public String mid() {
        return options.mid();
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public RtpParameters rtpParameters() {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        codecs.add(new RtpCodecParameters("video/VP8", options.payloadType(), CLOCK_RATE, null, ParameterMap.EMPTY,
                List.of(RtcpFeedback.of("goog-remb"), RtcpFeedback.of("transport-cc"), RtcpFeedback.of("ccm", "fir"),
                        RtcpFeedback.of("nack"), RtcpFeedback.of("nack", "pli"))));
        if (options.rtxPayloadType() > 0) {
            codecs.add(new RtpCodecParameters("video/rtx", options.rtxPayloadType(), CLOCK_RATE, null,
                    ParameterMap.of("apt", options.payloadType()), List.of()));
        }
        List<RtpEncodingParameters> list = new ArrayList<>();
        for (Vp8Layer layer : options.layers()) {
            RtpEncodingParameters.Builder builder = RtpEncodingParameters.builder()
                    .ssrc(layer.ssrc())
                    .rid(layer.rid())
                    .scalabilityMode("L1T3")
                    .maxBitrate((long) layer.bitrateBps());
            if (layer.rtxSsrc() != 0 && options.rtxPayloadType() > 0) {
                builder.rtxSsrc(layer.rtxSsrc());
            }
            list.add(builder.build());
        }
        return new RtpParameters(options.mid(), codecs,
                RtpParametersSupport.headerExtensions(options.extensions(), options.hasRids()), list,
                new RtcpParameters(cname, true, null));
    }

    @Override
    public List<OutboundStream> streams() {
        return streams;
    }

    @Override
    public void close() {
        closed = true;
        loop.execute(() -> loop.cancel(timer));
    }
}
