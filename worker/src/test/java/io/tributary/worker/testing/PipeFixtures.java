package io.tributary.worker.testing;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static io.tributary.worker.testing.MediasoupFixtures.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The set-up of mediasoup's node test-PipeTransport.ts: two workers with a router each (opus, VP8), a
 * WebRtcTransport on each router, an audio and a three-encoding VP8 producer on the first, and the
 * consuming device's capabilities. {@link #close()} closes the workers and Vert.x.
 */
public final class PipeFixtures implements AutoCloseable {

    public static final List<RtpCodecCapability> MEDIA_CODECS = codecs("""
            [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2},
             {kind: 'video', mimeType: 'video/VP8', clockRate: 90000}]""");

    public static final JsonNode AUDIO_RTP_PARAMETERS = js("""
            {mid: 'AUDIO',
             codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2,
                       parameters: {useinbandfec: 1, foo: 'bar1'}}],
             headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10}],
             encodings: [{ssrc: 11111111}],
             rtcp: {cname: 'FOOBAR'}}""");

    public static final JsonNode VIDEO_RTP_PARAMETERS = js("""
            {mid: 'VIDEO',
             codecs: [{mimeType: 'video/VP8', payloadType: 112, clockRate: 90000,
                       rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}, {type: 'goog-remb'},
                                      {type: 'lalala'}]}],
             headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 11},
                                {uri: 'urn:3gpp:video-orientation', id: 13}],
             encodings: [{ssrc: 22222222}, {ssrc: 22222223}, {ssrc: 22222224}],
             rtcp: {cname: 'FOOBAR'}}""");

    public static final JsonNode CONSUMER_DEVICE_CAPABILITIES = js("""
            {codecs: [
               {kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2},
               {kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000,
                rtcpFeedback: [{type: 'nack'}, {type: 'ccm', parameter: 'fir'}, {type: 'transport-cc'}]},
               {kind: 'video', mimeType: 'video/rtx', preferredPayloadType: 102, clockRate: 90000,
                parameters: {apt: 101}, rtcpFeedback: []}],
             headerExtensions: [
               {kind: 'video', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', preferredId: 4,
                preferredEncrypt: false, direction: 'sendrecv'},
               {kind: 'video', uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
                preferredId: 5, preferredEncrypt: false},
               {kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', preferredId: 6,
                preferredEncrypt: false}]}""");

    public final Vertx vertx = Vertx.vertx();
    public final Worker worker1;
    public final Worker worker2;
    public final Router router1;
    public final Router router2;
    public final WebRtcTransport webRtcTransport1;
    public final WebRtcTransport webRtcTransport2;
    public final Producer audioProducer;
    public final Producer videoProducer;

    public PipeFixtures() {
        worker1 = result(Worker.create(vertx, WorkerSettings.defaults()));
        worker2 = result(Worker.create(vertx, WorkerSettings.defaults()));
        router1 = result(worker1.createRouter(RouterOptions.of(MEDIA_CODECS)));
        router2 = result(worker2.createRouter(RouterOptions.of(MEDIA_CODECS)));
        webRtcTransport1 = MediasoupFixtures.loopbackTransport(router1);
        webRtcTransport2 = MediasoupFixtures.loopbackTransport(router2);
        audioProducer = result(webRtcTransport1.produce(ProducerOptions.of("audio", AUDIO_RTP_PARAMETERS)
                .withAppData(Map.of("foo", "bar1"))));
        videoProducer = result(webRtcTransport1.produce(ProducerOptions.of("video", VIDEO_RTP_PARAMETERS)
                .withAppData(Map.of("foo", "bar2"))));
    }

    /** The pipe transports {@code router} creates from now on, as long as they are open. */
    public static Set<PipeTransport> trackPipeTransports(Router router) {
        Set<PipeTransport> pipes = ConcurrentHashMap.newKeySet();
        router.observer().on(Router.NEW_TRANSPORT, transport -> {
            if (transport instanceof PipeTransport pipe) {
                pipes.add(pipe);
                pipe.observer().on(Transport.CLOSE, v -> pipes.remove(pipe));
            }
        });
        return pipes;
    }

    /** Another router with the same codecs on {@code worker}. */
    public Router newRouter(Worker worker) {
        return result(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
    }

    @Override
    public void close() {
        result(worker1.close());
        result(worker2.close());
        result(vertx.close());
    }
}
