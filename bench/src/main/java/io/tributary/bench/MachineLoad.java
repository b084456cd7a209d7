package io.tributary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole machine's busy and total CPU time from {@code /proc/stat}. On a shared box, busy time
 * beyond what the SFU and the driver used is someone else's work competing with the run: the report
 * shows it so a noisy figure can be recognised.
 */
record MachineLoad(long busyTicks, long totalTicks) {

    static MachineLoad now() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII);
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new MachineLoad(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new MachineLoad(0, 0);
        }
    }

    /** Busy share of all CPUs between two readings, in percent of one CPU (so 2 CPUs go to 200). */
    static double busyPercentOfOneCpu(MachineLoad start, MachineLoad end, int cpus) {
        long total = end.totalTicks - start.totalTicks;
        return total <= 0 ? Double.NaN : 100.0 * cpus * (end.busyTicks - start.busyTicks) / total;
    }
}
