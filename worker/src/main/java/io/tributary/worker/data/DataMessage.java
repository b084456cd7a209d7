package io.tributary.worker.data;

import java.nio.charset.StandardCharsets;

/** A message a direct DataConsumer hands to the application (mediasoup's {@code message(buffer, ppid)}). */
public record DataMessage(byte[] payload, int ppid) {

    /** The payload read as UTF-8, as for a WebRTC string (ppid 51). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
