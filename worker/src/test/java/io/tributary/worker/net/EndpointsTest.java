package io.tributary.worker.net;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private Vertx vertx;
    private Worker worker;
    /** Echo handler: answers every packet with "echo:" + payload, and records the loop thread. */
    private final BlockingQueue<String> handlerThreads = new ArrayBlockingQueue<>(16);
    private final PacketHandler echo = (buf, off, len, tuple) -> {
        handlerThreads.offer(Thread.currentThread().getName());
        byte[] reply = ("echo:" + new String(buf, off, len, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        tuple.send(reply, 0, reply.length);
    };

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        worker = result(Worker.create(vertx, WorkerSettings.defaults()));
    }

    @AfterEach
    void stop() {
        result(vertx.close());
    }

    @Test
    void udpReceivesOnTheWorkerLoopAndRepliesToTheSender() throws Exception {
        UdpEndpoint udp = result(UdpEndpoint.bind(worker.loop().context(), "127.0.0.1", 0, echo));
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(5000);
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(hello, hello.length, udp.localAddress()));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            client.receive(reply);
            assertEquals("echo:hello", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
        }
        String thread = handlerThreads.poll(5, TimeUnit.SECONDS);
        assertEquals(result(worker.loop().call(() -> Thread.currentThread().getName())), thread);
        result(udp.close());
    }

    @Test
    void udpBindingATakenPortFails() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Throwable e = failure(UdpEndpoint.bind(worker.loop().context(), "127.0.0.1", taken.getLocalPort(), echo));
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("in use"), String.valueOf(e));
        }
    }

    @Test
    void tcpSpeaksRfc4571FramesAndReportsClosedConnections() throws Exception {
        BlockingQueue<TcpEndpoint.TcpConnection> closed = new ArrayBlockingQueue<>(4);
        TcpEndpoint tcp = result(TcpEndpoint.listen(worker.loop().context(), "127.0.0.1", 0, echo, closed::offer));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), tcp.localAddress().getPort())) {
            client.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            DataInputStream in = new DataInputStream(client.getInputStream());
            // Two frames in one write: the decoder must split them.
            byte[] a = "a".getBytes(StandardCharsets.UTF_8);
            byte[] bc = "bc".getBytes(StandardCharsets.UTF_8);
            out.writeShort(a.length);
            out.write(a);
            out.writeShort(bc.length);
            out.write(bc);
            out.flush();
            assertEquals("echo:a", readFrame(in));
            assertEquals("echo:bc", readFrame(in));
        }
        TcpEndpoint.TcpConnection gone = closed.poll(5, TimeUnit.SECONDS);
        assertNotNull(gone);
        assertEquals("tcp", gone.protocol());
        result(tcp.close());
    }

    private static String readFrame(DataInputStream in) throws Exception {
        int len = in.readUnsignedShort();
        byte[] frame = new byte[len];
        in.readFully(frame);
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Test
    void persistedUdpTupleOutlivesTheHandlerCall() throws Exception {
        BlockingQueue<TransportTuple> kept = new ArrayBlockingQueue<>(1);
        UdpEndpoint udp = result(UdpEndpoint.bind(worker.loop().context(), "127.0.0.1", 0,
                (buf, off, len, tuple) -> kept.offer(tuple.persist())));
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(new byte[] {1}, 1, udp.localAddress()));
            TransportTuple tuple = kept.poll(5, TimeUnit.SECONDS);
            assertNotNull(tuple);
            assertEquals(client.getLocalPort(), tuple.remote().getPort());
            byte[] later = {9, 8, 7};
            worker.loop().execute(() -> tuple.send(later, 0, later.length));
            DatagramPacket reply = new DatagramPacket(new byte[10], 10);
            client.receive(reply);
            assertArrayEquals(later, java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
        }
        result(udp.close());
    }
}
