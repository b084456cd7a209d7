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
 * Keeps the pipe-hop benchmark from rotting: a short run of each path (the cross-node one with a second
 * process) must deliver packets and print
 * its table and RESULT line. The figures of so short a run mean nothing; only their presence is checked.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipeHopBenchSmokeIT {

    @Test
    void aShortRunPrintsItsFigures() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            PipeHopBench.run(PipeHopBench.Options.parse("--pps", "2000", "--warmup", "0.5", "--seconds", "1"), out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertTrue(text.contains("pipe hop cost"), text);
        String line = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        JsonNode result = SfuProcess.JSON.readTree(line.substring("RESULT ".length()));
        assertEquals(2000, result.path("pps").asInt());
        for (String path : new String[] {"direct", "inProcess", "udp", "crossNode"}) {
            assertTrue(result.path(path + "Delivered").asLong() > 0, path + " delivers: " + line);
            assertTrue(result.path(path + "Ns").asDouble() > 0, path + " costs something: " + line);
        }
    }
}
