package io.tributary.worker.transport.pipe;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.data.DataType;
import io.tributary.worker.data.TransportSctpOptions;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.router.Router;
import io.tributary.worker.sctp.SctpState;
import io.tributary.worker.testing.DirectData;
import io.tributary.worker.testing.EventLog;
import io.tributary.worker.testing.OnLoop;
import io.tributary.worker.testing.PipeFixtures;
import io.tributary.worker.testing.Ports;
import io.tributary.worker.transport.Transport;
import io.tributary.worker.transport.TransportListenInfo;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A PipeTransport's SCTP: when the association starts, the data rules with and without it, how links are made. */
class PipeTransportSctpTest {

    private static final TransportListenInfo LOOPBACK = TransportListenInfo.udp("127.0.0.1", 0);

    private final PipeFixtures fx = new PipeFixtures();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static PipeTransport pipe(Router router, boolean sctp) {
        return result(router.createPipeTransport(PipeTransportOptions.of(LOOPBACK)
                .withSctp(TransportSctpOptions.pipeDefaults().withEnableSctp(sctp))));
    }

    @Test
    void connectStartsTheAssociationAndCloseEndsIt() {
        PipeTransport transport = pipe(fx.router1, true);
        EventLog log = new EventLog().on(transport.events(), Transport.SCTP_STATE_CHANGE, "sctp", SctpState::wire);
        assertEquals(SctpState.NEW, transport.sctpState());

        result(transport.connect("127.0.0.1", Ports.freeUdpPort(), null));

        log.await("sctp connecting");
        assertEquals(SctpState.CONNECTING, transport.sctpState());
        OnLoop.run(fx.worker1, transport::close);
        assertEquals(SctpState.CLOSED, transport.sctpState());
    }

    @Test
    void withoutSctpDataIsRefusedWithMediasoupsErrors() {
        PipeTransport transport = pipe(fx.router1, false);
        DataProducer source = DirectData.produce(fx.router1, "chat", "");

        Throwable produce = failure(transport.produceData(DataProducerOptions.of(js("{streamId: 1}"))));
        Throwable consume = failure(transport.consumeData(DataConsumerOptions.of(source.id())));

        assertInstanceOf(MediasoupError.class, produce);
        assertFalse(produce instanceof TypeError);
        assertEquals("SCTP not enabled and not a direct Transport", produce.getMessage());
        assertInstanceOf(TypeError.class, consume);
        assertEquals("missing sctpParameters.MIS", consume.getMessage());
    }

    @Test
    void withSctpDataProducersAndConsumersUseStreams() {
        PipeTransport transport = pipe(fx.router1, true);
        DataProducer source = DirectData.produce(fx.router1, "chat", "proto");

        DataProducer producer = result(transport.produceData(DataProducerOptions.of(js("{streamId: 12}"))));
        DataConsumer first = result(transport.consumeData(DataConsumerOptions.of(source.id())));
        DataConsumer second = result(transport.consumeData(DataConsumerOptions.of(source.id())));

        assertEquals(DataType.SCTP, producer.type());
        assertEquals(DataType.SCTP, first.type());
        assertEquals(List.of(0, 1), List.of(first.sctpStreamParameters().streamId(),
                second.sctpStreamParameters().streamId()), "the transport allocates the streams");
        assertEquals(true, first.sctpStreamParameters().ordered(), "a direct DataProducer's stream is reliable");
        assertEquals("chat", first.label());
        assertEquals("proto", first.protocol());
    }

    @Test
    void aTransportIsLinkedOnceByConnectOrInProcess() {
        PipeTransport connected = pipe(fx.router1, true);
        PipeTransport other = pipe(fx.router2, true);
        result(connected.connect("127.0.0.1", other.tuple().localPort(), null));

        Throwable linkAfterConnect = failure(connected.linkInProcess(other));

        assertInstanceOf(MediasoupError.class, linkAfterConnect);
        assertEquals("connect() already called", linkAfterConnect.getMessage());
        PipeTransport a = pipe(fx.router1, true);
        PipeTransport b = pipe(fx.router2, true);
        result(a.linkInProcess(b));
        Throwable connectAfterLink = failure(a.connect("127.0.0.1", b.tuple().localPort(), null));
        assertInstanceOf(MediasoupError.class, connectAfterLink);
        assertEquals(b.tuple().localPort(), a.tuple().remotePort(), "each tuple names the other's socket");
        assertEquals(a.tuple().localPort(), b.tuple().remotePort());
        result(a.sctpSettled());
        result(b.sctpSettled());
        assertEquals(SctpState.CONNECTED, a.sctpState());
        assertEquals(SctpState.CONNECTED, b.sctpState());
    }
}
