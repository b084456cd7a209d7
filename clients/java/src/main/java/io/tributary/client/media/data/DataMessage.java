package io.tributary.client.media.data;

import java.nio.charset.StandardCharsets;

/** One DataChannel message as received: its payload protocol id (51 text, 53 binary, 56/57 empty) and bytes. */
public record DataMessage(int ppid, byte[] payload) {

    public static final int PPID_STRING = 51;
    public static final int PPID_BINARY = 53;
    public static final int PPID_EMPTY_STRING = 56;
    public static final int PPID_EMPTY_BINARY = 57;

    public boolean isText() {
        return ppid == PPID_STRING || ppid == PPID_EMPTY_STRING;
    }

    /** The text of a string message; an empty one arrives as one placeholder byte and reads as "". */
    public String text() {
        return ppid == PPID_EMPTY_STRING ? "" : new String(payload, StandardCharsets.UTF_8);
    }
}
