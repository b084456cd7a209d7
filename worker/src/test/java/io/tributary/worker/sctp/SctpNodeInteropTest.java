package io.tributary.worker.sctp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Interop with an independent SCTP stack: the pure JavaScript npm package 'sctp' 1.0.0 over loopback UDP. */
class SctpNodeInteropTest {

    private static final SctpOptions OPTIONS = new SctpOptions(32, 32, 262_144, 4 * 1024 * 1024);

    @Test
    void weConnectToThePassiveNodePeerAndMessagesEchoIntact() throws Exception {
        exchange(false);
    }

    @Test
    void theNodePeerConnectsToUsAndMessagesEchoIntact() throws Exception {
        exchange(true);
    }

    private void exchange(boolean nodeActive) throws Exception {
        try (UdpSctpPeer java = new UdpSctpPeer(OPTIONS);
                NodeSctpProcess node = new NodeSctpProcess(java.port(), nodeActive)) {
            String port = node.nextLine(60);
            assertTrue(port.startsWith("PORT "), port);
            java.peerPort(Integer.parseInt(port.substring(5)));
            if (!nodeActive) {
                java.onLoop(() -> {
                    java.association().connect();
                    return null;
                });
            }
            awaitState(java, SctpState.CONNECTED);
            assertEquals("CONNECTED", node.nextLine(10));
            assertEquals(16, (int) java.onLoop(() -> java.association().outboundStreams()), "min(our 32, its MIS 16)");

            // One message at a time: the npm stack stalls (against itself too) when many large messages queue up.
            int[] sizes = {1, 100, 1171, 1172, 1173, 3000, 9000, 16_000, 65_000, 262_144};
            Random random = new Random(5);
            for (int i = 0; i < 30; i++) {
                byte[] data = new byte[sizes[i % sizes.length]];
                random.nextBytes(data);
                int stream = i % 3;
                int ppid = i % 2 == 0 ? 51 : 53;
                assertEquals(SctpAssociation.SendResult.SENT, java.onLoop(() -> java.association()
                        .sendMessage(stream, ppid, data, 0, data.length, SctpReliability.RELIABLE_ORDERED)));
                assertEquals("RECV " + stream + " " + ppid + " " + data.length + " " + sha1(data), node.nextLine(30),
                        "the node peer got message " + i + " intact");
                RecordingListener.Message echo = java.messages.poll(30, TimeUnit.SECONDS);
                assertNotNull(echo, "echo " + i);
                assertEquals(stream, echo.streamId());
                assertEquals(ppid, echo.ppid());
                assertArrayEquals(data, echo.payload(), "echo " + i + " intact");
            }
            assertEquals(0L, (long) java.onLoop(() -> java.association().packetsDropped()));
            assertTrue(awaitBufferedZero(java), "every message acknowledged");
        }
    }

    private static void awaitState(UdpSctpPeer peer, SctpState wanted) throws InterruptedException {
        for (SctpState s = peer.states.poll(30, TimeUnit.SECONDS); s != wanted; s = peer.states.poll(30, TimeUnit.SECONDS)) {
            assertNotNull(s, "no state change to " + wanted);
            assertTrue(s == SctpState.CONNECTING, "unexpected state " + s);
        }
    }

    /** Waits until the buffered amount is zero: at once, or at the decrease that takes it there. */
    private static boolean awaitBufferedZero(UdpSctpPeer peer) throws Exception {
        peer.bufferedLevels.clear();
        if (peer.onLoop(() -> peer.association().bufferedAmount()) == 0) {
            return true;
        }
        for (Long level = peer.bufferedLevels.poll(10, TimeUnit.SECONDS); level != null;
                level = peer.bufferedLevels.poll(10, TimeUnit.SECONDS)) {
            if (level == 0) {
                return true;
            }
        }
        return false;
    }

    static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }
}
