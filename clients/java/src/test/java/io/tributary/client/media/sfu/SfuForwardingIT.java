package io.tributary.client.media.sfu;

import static io.tributary.client.media.sfu.Sfu.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.Producer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Media through the real SFU over real sockets on loopback: ICE, DTLS, SRTP, RTP rewriting, fan-out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SfuForwardingIT {

    private static final long MIC_SSRC = 1111;
    private static final long CAM_SSRC = 2222;

    private final Sfu sfu = new Sfu();

    @AfterEach
    void close() {
        sfu.close();
    }

    @Test
    void opusAndVp8ReachAUdpAndATcpConsumerIntactInTheirOwnSsrcs() {
        Sfu.Peer publisher = sfu.connect(TransportProtocol.UDP);
        Publication mic = publisher.media().publishOpus(OpusOptions.of("0", MIC_SSRC));
        Publication cam = publisher.media().publishVp8(Vp8Options.single("1", CAM_SSRC, CAM_SSRC + 1));
        Producer audio = sfu.produce(publisher, mic);
        Producer video = sfu.produce(publisher, cam);

        for (TransportProtocol protocol : new TransportProtocol[] {TransportProtocol.UDP, TransportProtocol.TCP}) {
            Sfu.Peer viewer = sfu.connect(protocol);
            Consumer audioConsumer = sfu.consume(viewer, audio);
            Consumer videoConsumer = sfu.consume(viewer, video);
            ReceivedStream heard = viewer.media().receive(audioConsumer.rtpParameters());
            ReceivedStream seen = viewer.media().receive(videoConsumer.rtpParameters());

            ReceivedStreamStats a = join(heard.await(s -> s.packets() >= 50));
            ReceivedStreamStats v = join(seen.await(s -> s.frames() >= 30 && s.keyFrames() >= 1));

            assertEquals(audioConsumer.rtpParameters().encodings().get(0).ssrc(), a.ssrc(), protocol + " audio ssrc");
            assertEquals(MIC_SSRC, a.streamTag() & 0xffffffffL, protocol + ": the audio comes from the mic");
            assertEquals(CAM_SSRC, v.streamTag() & 0xffffffffL, protocol + ": the video comes from the camera");
            assertTrue(a.complete(), protocol + " audio lost or corrupt: " + a);
            assertTrue(v.complete(), protocol + " video lost or corrupt: " + v);
            assertEquals(0, v.pictureIdJumps(), protocol + " picture ids must be continuous: " + v);
            assertEquals(videoConsumer.rtpParameters().codecs().get(0).payloadType(), v.lastPayloadType());
        }
    }
}
