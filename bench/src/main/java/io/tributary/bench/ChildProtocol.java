package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * The stdin/stdout protocol of the benchmarks' child JVMs ({@link BenchSfu}, {@link PipeHopNode}), spoken
 * to by {@link SfuProcess}: one JSON command per stdin line, one reply per stdout line in order,
 * {@code {"id":1,"ok":true,...}} or {@code {"id":1,"ok":false,"error":"..."}} after {@link #REPLY_PREFIX}.
 * Java code's prints go to stderr; the JVM's own logging (JFR, -Xlog) still writes to stdout, hence the prefix.
 */
final class ChildProtocol {

    /** Marks protocol lines among whatever else lands on stdout. */
    static final String REPLY_PREFIX = "bench-sfu> ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildProtocol() {
    }

    /** Takes stdout for the protocol, then answers commands with {@code handler} until {@code exit} or end of input. */
    static void serve(BiFunction<String, JsonNode, ObjectNode> handler) throws IOException {
        // The protocol owns stdout; a stray print from a library must not corrupt it.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            JsonNode request = JSON.readTree(line);
            ObjectNode reply = JSON.createObjectNode().put("id", request.path("id").asLong());
            String cmd = request.path("cmd").asText();
            try {
                reply.put("ok", true).setAll(handler.apply(cmd, request));
            } catch (RuntimeException e) {
                reply.put("ok", false).put("error", e.toString());
            }
            protocol.println(REPLY_PREFIX + JSON.writeValueAsString(reply));
            if (cmd.equals("exit")) {
                break;
            }
        }
    }
}
