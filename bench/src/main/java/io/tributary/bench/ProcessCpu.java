package io.tributary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a whole process, user plus system, from {@code /proc/PID/stat}: the measure the
 * reference figures for mediasoup and Janus used, so the numbers compare. It includes every
 * thread, the kernel's send path and, on loopback, the receiving socket's delivery path.
 */
final class ProcessCpu {

    /** USER_HZ: fixed at 100 on Linux/x86 whatever the kernel's HZ; {@code getconf CLK_TCK} confirms it. */
    private static final long TICKS_PER_SECOND = clockTicks();

    private final Path stat;

    ProcessCpu(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
    }

    /** utime + stime in nanoseconds (10 ms resolution), or throws if the process is gone. */
    long nanos() {
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            // The command name may contain spaces and parentheses: fields count from the last ')'.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stat + ": " + e, e);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
