package io.tributary.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's JSON mapper: what it writes is what mediasoup would send, field for field. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
