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
 * Keeps the forwarding benchmark from rotting: a 2-second run with 2 consumers must set up, measure
 * and print its table and its RESULT line. The figures of so short a run on a shared machine mean
 * nothing; only their presence and coherence are checked.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ForwardingBenchSmokeIT {

    @Test
    void aShortRunPrintsItsFigures() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchOptions options = BenchOptions.parse(
                "--consumers", "2", "--pps", "200", "--warmup", "1", "--seconds", "2");
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ForwardingBench.run(options, out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertTrue(text.contains("CPU per forwarded pkt"), text);
        assertTrue(text.contains("one-way delay"), text);
        String line = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        JsonNode result = SfuProcess.JSON.readTree(line.substring("RESULT ".length()));
        assertEquals(2, result.path("consumers").asInt());
        double in = result.path("ppsIn").asDouble();
        double out = result.path("ppsOut").asDouble();
        assertTrue(in > 100, "packets reach the SFU: " + line);
        assertTrue(out > 1.5 * in && out < 2.5 * in, "each packet goes to both consumers: " + line);
        assertTrue(result.path("nsPerForwarded").asDouble() > 0, line);
        assertTrue(result.path("latencyP50us").asLong() > 0, line);
        assertEquals(0, result.path("corrupt").asLong(), line);
    }
}
