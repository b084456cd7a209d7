package io.tributary.client.media.sfu;

import io.tributary.worker.ice.StunClass;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.ice.StunParseResult;
import io.tributary.worker.ice.StunWriter;
import io.tributary.worker.ortc.IceParameters;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Random;

/**
 * Hand-made STUN Binding requests for tests that play ICE themselves: a check with the right
 * credentials validates the sending tuple at an ICE-lite transport; one with a wrong password gets a
 * 401 and, as it is answered only after everything sent before it on that socket was read, serves
 * as a barrier.
 */
final class StunProbe {

    /** The PRIORITY of a peer-reflexive candidate, as the peer's agent sends. */
    static final long PRIORITY = (110L << 24) | (65535L << 8) | 255L;

    private static final Random TIDS = new Random(7);

    private StunProbe() {
    }

    /** A Binding request with USERNAME {@code ufrag:remote}, PRIORITY, ICE-CONTROLLING, MESSAGE-INTEGRITY, FINGERPRINT. */
    static byte[] request(byte[] tid, String username, String password, boolean useCandidate) {
        byte[] buf = new byte[512];
        StunWriter writer = new StunWriter()
                .begin(buf, 0, StunMessage.METHOD_BINDING, StunClass.REQUEST, tid, 0)
                .username(username)
                .priority(PRIORITY)
                .iceControlling(0x1234_5678_9abc_def0L);
        if (useCandidate) {
            writer.useCandidate();
        }
        writer.messageIntegrity(StunMessage.integrityMac(password)).fingerprint();
        return Arrays.copyOf(buf, writer.length());
    }

    static synchronized byte[] newTransactionId() {
        byte[] tid = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        TIDS.nextBytes(tid);
        return tid;
    }

    /** The ERROR-CODE of a response to {@code tid} (0 for a success response), or -1 when it is not one. */
    static int responseCode(byte[] buf, int len, byte[] tid) {
        StunMessage message = new StunMessage();
        if (message.parse(buf, 0, len) != StunParseResult.OK || message.method() != StunMessage.METHOD_BINDING
                || !Arrays.equals(buf, StunMessage.TRANSACTION_ID_OFFSET,
                        StunMessage.TRANSACTION_ID_OFFSET + tid.length, tid, 0, tid.length)) {
            return -1;
        }
        if (message.messageClass() == StunClass.SUCCESS_RESPONSE) {
            return 0;
        }
        return message.messageClass() == StunClass.ERROR_RESPONSE ? message.errorCode() : -1;
    }

    /**
     * Sends a non-nominating check with the transport's credentials from {@code socket} until it is
     * answered with success: the socket's tuple is then valid at the transport (not selected).
     */
    static void validate(DatagramSocket socket, InetSocketAddress sfu, IceParameters ice) throws IOException {
        byte[] tid = newTransactionId();
        byte[] request = request(tid, ice.usernameFragment() + ":hostile", ice.password(), false);
        int code = exchange(socket, sfu, request, tid, 5);
        if (code != 0) {
            throw new AssertionError("the check with the right credentials was answered with " + code);
        }
    }

    /**
     * Sends a check with a wrong password for {@code ufrag} and waits for its 401: when it arrives, the
     * SFU has read every datagram sent to its socket before it (one sender thread, FIFO socket queue).
     */
    static void barrier(DatagramSocket socket, InetSocketAddress sfu, String ufrag) throws IOException {
        byte[] tid = newTransactionId();
        int code = exchange(socket, sfu, request(tid, ufrag + ":barrier", "not-the-password", false), tid, 1);
        if (code != 401) {
            throw new AssertionError("the barrier check was answered with " + code);
        }
    }

    /** Sends {@code request} (retransmitting up to {@code attempts} times) and returns the response's code. */
    static int exchange(DatagramSocket socket, InetSocketAddress sfu, byte[] request, byte[] tid, int attempts)
            throws IOException {
        byte[] in = new byte[1500];
        DatagramPacket packet = new DatagramPacket(in, in.length);
        socket.setSoTimeout(5000 / attempts);
        for (int attempt = 0; attempt < attempts; attempt++) {
            socket.send(new DatagramPacket(request, request.length, sfu));
            try {
                while (true) {
                    packet.setLength(in.length);
                    socket.receive(packet);
                    int code = responseCode(in, packet.getLength(), tid);
                    if (code >= 0) {
                        return code;
                    }
                }
            } catch (SocketTimeoutException e) {
                // retransmit
            }
        }
        throw new AssertionError("no answer from the SFU to a STUN request within 5 s");
    }

    /** Writes one RFC 4571 frame. */
    static void writeFrame(OutputStream out, byte[] packet) throws IOException {
        out.write(packet.length >> 8);
        out.write(packet.length);
        out.write(packet);
    }

    /** Sends {@code request} on a TCP connection and reads frames until the response to {@code tid}. */
    static int exchange(Socket socket, byte[] request, byte[] tid) throws IOException {
        socket.setSoTimeout(5000);
        writeFrame(socket.getOutputStream(), request);
        socket.getOutputStream().flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            int length = in.readUnsignedShort();
            byte[] frame = in.readNBytes(length);
            int code = responseCode(frame, frame.length, tid);
            if (code >= 0) {
                return code;
            }
        }
    }
}
