package io.tributary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the join-time benchmark from rotting: 2 joins against an in-process node must complete and
 * print their table and RESULT line. Only presence and ordering of the figures are checked.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JoinTimeBenchSmokeIT {

    @Test
    void twoJoinsPrintTheirFigures() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            JoinTimeBench.run(JoinTimeBench.parseJoins("--joins", "2"), out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertTrue(text.contains("join time (WebSocket open -> first key frame)"), text);
        assertTrue(text.contains("JDK "), text);
        String line = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        JsonNode result = SfuProcess.JSON.readTree(line.substring("RESULT ".length()));
        assertEquals(2, result.path("joins").asInt());
        double p50 = result.path("p50Ms").asDouble();
        assertTrue(p50 > 0 && p50 <= result.path("p90Ms").asDouble()
                && result.path("p90Ms").asDouble() <= result.path("maxMs").asDouble(), line);
        assertTrue(result.path("openP50Ms").asDouble() < p50, "the WebSocket opens before the first frame: " + line);
        assertTrue(result.path("jdk").asText().length() > 0, line);
    }
}
