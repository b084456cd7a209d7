package io.tributary.worker.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.ice.StunClass;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.ice.StunWriter;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Random;

/** The controlling ICE agent of a test: one nominating Binding request from a UDP socket to a WebRtcTransport. */
public final class IceClient {

    private IceClient() {
    }

    /** Sends a nominating Binding request with the transport's credentials; the class of the answer. */
    public static StunClass bindingRequest(DatagramSocket client, WebRtcTransport transport) throws IOException {
        IceParameters local = transport.iceParameters();
        byte[] tid = new byte[12];
        new Random().nextBytes(tid);
        byte[] out = new byte[256];
        StunWriter writer = new StunWriter().begin(out, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                .username(local.usernameFragment() + ":remote")
                .priority(1853824767L)
                .iceControlling(42)
                .useCandidate()
                .messageIntegrity(StunMessage.integrityMac(local.password()))
                .fingerprint();
        int port = transport.iceCandidates().get(0).port();
        client.send(new DatagramPacket(out, writer.length(), new InetSocketAddress("127.0.0.1", port)));
        byte[] in = new byte[512];
        DatagramPacket answer = new DatagramPacket(in, in.length);
        client.receive(answer);
        StunMessage response = new StunMessage();
        response.parse(Arrays.copyOf(in, answer.getLength()), 0, answer.getLength());
        assertTrue(Arrays.equals(tid, Arrays.copyOfRange(in, 8, 20)), "transaction id");
        return response.messageClass();
    }
}
