package io.tributary.client.media.sfu;

import static io.tributary.client.media.sfu.Sfu.await;
import static io.tributary.client.media.sfu.Sfu.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.consumer.ConsumerLayers;
import io.tributary.worker.consumer.ConsumerType;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.stream.RtpStreamRecvStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A three-layer VP8 simulcast producer: the consumer switches layers at key frames, seamlessly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SfuSimulcastIT {

    private final Sfu sfu = new Sfu();

    @AfterEach
    void close() {
        sfu.close();
    }

    @Test
    void setPreferredLayersSwitchesAtTheNextKeyFrameWithContinuousNumbering() {
        Sfu.Peer publisher = sfu.connect(TransportProtocol.UDP);
        Publication cam = publisher.media().publishVp8(Vp8Options.simulcast("0", 5000));
        Producer video = sfu.produce(publisher, cam);
        Sfu.Peer viewer = sfu.connect(TransportProtocol.UDP);
        Consumer consumer = sfu.consume(viewer, video);
        assertEquals(ConsumerType.SIMULCAST, consumer.type());
        assertEquals("L3T3", consumer.rtpParameters().encodings().get(0).scalabilityMode());
        ReceivedStream seen = viewer.media().receive(consumer.rtpParameters());

        ReceivedStreamStats high = join(seen.await(s -> s.keyFrames() >= 1 && s.frames() >= 20));
        assertEquals(1280, high.keyFrameWidth(), "by default the consumer forwards the highest layer: " + high);

        long keyFramesBefore = high.keyFrames();
        await(consumer.setPreferredLayers(new ConsumerLayers(0, null)));
        ReceivedStreamStats switched = join(seen.await(s -> s.keyFrameWidth() == 320));
        ReceivedStreamStats low = join(seen.await(s -> s.frames() >= switched.frames() + 20));

        assertTrue(low.keyFrames() > keyFramesBefore, "the switch happens at a key frame of the new layer");
        assertEquals(0, low.lost(), "sequence numbers stay continuous across the switch: " + low);
        assertEquals(0, low.pictureIdJumps(), "VP8 picture ids stay continuous across the switch: " + low);
        assertEquals(0, low.corrupt(), low.toString());
        assertEquals(new ConsumerLayers(0, 2), await(sfu.worker.loop().call(consumer::currentLayers)));

        List<Object> stats = await(sfu.worker.loop().call(() -> consumer.getStats(System.currentTimeMillis())));
        long lowSsrc = await(sfu.worker.loop().call(() -> video.getStreamStats(0, System.currentTimeMillis()))).ssrc();
        assertEquals(2, stats.size(), "the consumer's outbound stream, then only the producer stream forwarded now");
        assertEquals(lowSsrc, ((RtpStreamRecvStats) stats.get(1)).ssrc());
    }
}
