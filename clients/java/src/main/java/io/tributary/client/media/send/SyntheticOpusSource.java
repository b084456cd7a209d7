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
import java.util.List;

/** Opus-shaped audio: a TOC byte and a synthetic body every ptime, 48 kHz timestamps, marker on talkspurt start. */
public final class SyntheticOpusSource implements Publication {

    static final int CLOCK_RATE = 48_000;
    /** TOC: config 31 (CELT fullband 20 ms), mono, one frame. */
    private static final byte TOC = (byte) 0xF8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PeerLoop loop;
    private final OpusOptions options;
    private final String cname;
    private final OutboundStream stream;
    private final long timestampBase = RANDOM.nextInt() & 0xFFFF_FFFFL;
    private long timer = -1;
    private int frameNumber;
    private boolean talking;
    private volatile boolean closed;

    public SyntheticOpusSource(PeerLoop loop, MediaOutput output, OpusOptions options, String cname) {
        this.loop = loop;
        this.options = options;
        this.cname = cname;
        this.stream = new OutboundStream(loop, output, options.ssrc(), options.payloadType(), 0, 0, CLOCK_RATE,
                options.mid(), null, options.extensions());
    }

    @Override
    public void start() {
        loop.execute(() -> {
            if (!closed && timer < 0) {
                timer = loop.setPeriodic(options.ptimeMs(), this::tick);
            }
        });
    }

    private void tick() {
        if (closed) {
            return;
        }
        long timestamp = (timestampBase + (long) frameNumber * CLOCK_RATE * options.ptimeMs() / 1000) & 0xFFFF_FFFFL;
        int frame = frameNumber++;
        if (stream.isPaused()) {
            talking = false;
            return;
        }
        byte[] payload = new byte[options.payloadBytes()];
        payload[0] = TOC;
        SyntheticPayload.write(payload, 1, payload.length - 1, (int) options.ssrc(), frame, 0, 1,
                MediaClock.nowMicros(), 0);
        stream.countFrame(false, timestamp);
        stream.send(timestamp, !talking, payload);
        talking = true;
    }

    @Override
    public String mid() {
        return options.mid();
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public RtpParameters rtpParameters() {
        RtpCodecParameters opus = new RtpCodecParameters("audio/opus", options.payloadType(), CLOCK_RATE, 2,
                ParameterMap.of("useinbandfec", 1), List.of(RtcpFeedback.of("transport-cc")));
        RtpEncodingParameters encoding = RtpEncodingParameters.builder().ssrc(options.ssrc()).build();
        return new RtpParameters(options.mid(), List.of(opus),
                RtpParametersSupport.headerExtensions(options.extensions(), false),
                List.of(encoding), new RtcpParameters(cname, true, null));
    }

    @Override
    public List<OutboundStream> streams() {
        return List.of(stream);
    }

    @Override
    public void close() {
        closed = true;
        loop.execute(() -> loop.cancel(timer));
    }
}
