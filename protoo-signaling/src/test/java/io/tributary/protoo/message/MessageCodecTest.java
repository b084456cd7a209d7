package io.tributary.protoo.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** protoo's Message.parse and create* rules. */
class MessageCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optional<Message> parse(String text) {
        return MessageCodec.parse(text, new StringBuilder());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void outgoingShapes() throws Exception {
        assertEquals(json("{\"request\":true,\"id\":5371210,\"method\":\"join\",\"data\":{}}"),
                json(MessageCodec.request(5371210, "join", null)));
        assertEquals(json("{\"response\":true,\"id\":7,\"ok\":true,\"data\":{\"peers\":[]}}"),
                json(MessageCodec.success(IntNode.valueOf(7), json("{\"peers\":[]}"))));
        assertEquals(json("{\"response\":true,\"id\":7,\"ok\":false,\"errorCode\":500,"
                        + "\"errorReason\":\"Peer already joined\"}"),
                json(MessageCodec.error(IntNode.valueOf(7), 500, "Peer already joined")));
        assertEquals(json("{\"notification\":true,\"method\":\"newPeer\",\"data\":{}}"),
                json(MessageCodec.notification("newPeer", null)));
    }

    @Test
    void discriminatorsAndDataFollowJavaScriptTruthiness() throws Exception {
        assertEquals(Optional.of(new Message.Request(IntNode.valueOf(1), "m", json("{}"))),
                parse("{\"request\":1,\"id\":1,\"method\":\"m\",\"data\":0}"));
        assertEquals(Optional.of(new Message.Notification("n", json("[1]"))),
                parse("{\"request\":\"\",\"response\":0,\"notification\":\"yes\",\"method\":\"n\",\"data\":[1]}"));
        assertTrue(parse("{\"request\":null,\"notification\":false,\"method\":\"n\"}").isEmpty());
    }

    @Test
    void responsesWithoutOkAreErrors() throws Exception {
        // protoo-server's error responses carry no "ok" at all.
        assertEquals(Optional.of(new Message.Response(IntNode.valueOf(3), false, null, 403, "forbidden")),
                parse("{\"response\":true,\"id\":3,\"errorCode\":403,\"errorReason\":\"forbidden\"}"));
        assertEquals(Optional.of(new Message.Response(IntNode.valueOf(3), false, null, 0, "")),
                parse("{\"response\":true,\"id\":3,\"ok\":false}"));
        assertEquals(Optional.of(new Message.Response(IntNode.valueOf(3), true, json("{}"), 0, null)),
                parse("{\"response\":true,\"id\":3,\"ok\":true}"));
    }

    @Test
    void whyAMessageIsIgnored() {
        StringBuilder why = new StringBuilder();
        assertTrue(MessageCodec.parse("{\"request\":true,\"id\":\"1\",\"method\":\"m\"}", why).isEmpty());
        assertEquals("missing/invalid id field", why.toString());
    }
}
