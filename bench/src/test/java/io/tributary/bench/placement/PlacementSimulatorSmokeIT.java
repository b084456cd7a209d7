package io.tributary.bench.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the placement simulator from rotting: half an hour on 4 nodes must give every strategy a
 * row with rooms placed. No figure is judged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlacementSimulatorSmokeIT {

    @Test
    void everyStrategyPrintsARowAndPlacesRooms() {
        SimulationOptions options = SimulationOptions.parse("--seed", "7", "--hours", "0.5", "--nodes", "4",
                "--rate", "20");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<StrategyResult> results;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            results = PlacementSimulator.run(options, out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertEquals(options.strategies(), results.stream().map(StrategyResult::strategy).toList());
        for (StrategyResult result : results) {
            assertTrue(result.rooms() > 0, result.row());
            assertTrue(text.lines().anyMatch(line -> line.startsWith(result.strategy() + " ")), text);
        }
    }
}
