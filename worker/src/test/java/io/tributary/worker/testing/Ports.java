package io.tributary.worker.testing;

import java.io.IOException;
import java.net.DatagramSocket;

/** Free loopback ports for tests that bind a fixed one. */
public final class Ports {

    private Ports() {
    }

    /** A UDP port free a moment ago (the OS picks it; a race with other binders is unlikely, not impossible). */
    public static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
