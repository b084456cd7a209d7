package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one measured window, as a table for people and one {@code RESULT {...}} JSON line
 * for scripts. "Forwarded" means RTP packets the SFU's consumers sent (one per consumer per input
 * packet), the denominator mediasoup's and Janus's reference figures use.
 */
final class ForwardingReport {

    /** DESIGN.md §4: the target, and what mediasoup's worker costs with SRTP on the same machines. */
    static final double BUDGET_US = 6.0;
    static final double MEDIASOUP_SRTP_US = 8.7;

    private final BenchOptions options;
    private final JsonNode sfuInfo;
    private final double seconds;
    private final long in;
    private final long forwarded;
    private final long publisherSent;
    private final double sfuCpuNs;
    private final double workerCpuNs;
    private final double driverCpuNs;
    private final double machineBusyPercent;
    private final long workerAllocated;
    private final long sfuAllocated;
    private final long gcCount;
    private final long gcTimeMs;
    private final long heapUsedMb;
    private final Audience.Totals received;
    private final LatencyHistogram.Summary latency;
    private final List<Map.Entry<String, Long>> busiestThreads;
    /** CPU of the threads Java can see; the rest of the process's CPU is JIT compilers, GC and VM threads. */
    private final long allThreadsCpuNs;

    ForwardingReport(BenchOptions options, JsonNode sfuInfo, Snapshot start, Snapshot end,
                     LatencyHistogram.Summary latency) {
        this.options = options;
        this.sfuInfo = sfuInfo;
        this.seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
        this.in = end.producerPackets() - start.producerPackets();
        this.forwarded = end.consumerPackets() - start.consumerPackets();
        this.publisherSent = end.publisherSent() - start.publisherSent();
        this.sfuCpuNs = end.sfuProcessCpuNs() - start.sfuProcessCpuNs();
        this.workerCpuNs = end.workerThreadCpuNs() - start.workerThreadCpuNs();
        this.driverCpuNs = end.driverProcessCpuNs() - start.driverProcessCpuNs();
        this.machineBusyPercent = MachineLoad.busyPercentOfOneCpu(start.machine(), end.machine(),
                MachineInfo.cpuCount());
        this.workerAllocated = end.workerThreadAllocatedBytes() - start.workerThreadAllocatedBytes();
        this.sfuAllocated = end.sfuAllocatedBytes() - start.sfuAllocatedBytes();
        this.gcCount = end.gcCount() - start.gcCount();
        this.gcTimeMs = end.gcTimeMs() - start.gcTimeMs();
        this.heapUsedMb = end.heapUsedBytes() >> 20;
        this.received = end.audience().minus(start.audience());
        this.latency = latency;
        List<Map.Entry<String, Long>> threads = end.sfuThreadCpuNs().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - start.sfuThreadCpuNs().getOrDefault(e.getKey(), 0L)))
                .toList();
        this.allThreadsCpuNs = threads.stream().mapToLong(Map.Entry::getValue).sum();
        this.busiestThreads = threads.stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(3)
                .toList();
    }

    double nsPerForwarded() {
        return forwarded == 0 ? Double.NaN : sfuCpuNs / forwarded;
    }

    private double perSecond(double count) {
        return count / seconds;
    }

    private double percentOfCore(double cpuNs) {
        return 100.0 * cpuNs / (seconds * 1e9);
    }

    /** Other engineers' builds on a shared machine: noise to read the figures against. */
    private double othersPercent() {
        return Math.max(0, machineBusyPercent - percentOfCore(sfuCpuNs) - percentOfCore(driverCpuNs));
    }

    private double lossPercent() {
        long expected = received.unique() + received.lost();
        return expected == 0 ? 0 : 100.0 * received.lost() / expected;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%nTributary forwarding: 1 producer -> %d consumers, SRTP over %s loopback%n",
                options.consumers(), options.transport().value().toUpperCase(Locale.ROOT));
        row(out, "SFU JDK", sfuInfo.path("jdk").asText() + " (" + sfuInfo.path("vm").asText() + "), "
                + sfuInfo.path("gc").asText() + ", max heap " + sfuInfo.path("maxHeapMb").asText() + " MB");
        row(out, "driver JDK", MachineInfo.jdk());
        row(out, "CPU", MachineInfo.cpuModel() + " x " + MachineInfo.cpuCount());
        row(out, "SFU I/O, SRTP", (sfuInfo.path("nativeTransport").asBoolean() ? "Netty epoll" : "Netty NIO")
                + ", " + options.srtp().cryptoSuite() + ", AES via " + sfuInfo.path("srtpAes").asText());
        row(out, "traffic", format("VP8 %d pps requested (~1190 B payloads)%s; %d peers x %d consumers",
                options.pps(), options.opus() ? " + Opus 50 pps" : "", options.peers(), options.consumersPerPeer()));
        row(out, "window", format("%.1f s after %d s warm-up%s", seconds, options.warmupSeconds(),
                options.jfr() != null ? ", JFR recording on (adds overhead)" : ""));
        out.println();
        row(out, "packets in (SFU)", format("%.0f /s   (publisher sent %.0f /s)", perSecond(in),
                perSecond(publisherSent)));
        row(out, "packets out (SFU)", format("%.0f /s", perSecond(forwarded)));
        row(out, "SFU CPU, process", format("%.1f %% of a core (/proc utime+stime)", percentOfCore(sfuCpuNs)));
        row(out, "CPU per forwarded pkt", format("%.2f us process  (budget %.1f us; mediasoup+SRTP %.1f us)",
                nsPerForwarded() / 1000, BUDGET_US, MEDIASOUP_SRTP_US));
        row(out, "", format("%.2f us worker event-loop thread", workerCpuNs / forwarded / 1000));
        row(out, "CPU per input pkt", format("%.1f us process", sfuCpuNs / Math.max(1, in) / 1000));
        row(out, "allocation, worker", format("%.1f B per forwarded pkt, %.0f B per input pkt",
                (double) workerAllocated / forwarded, (double) workerAllocated / Math.max(1, in)));
        row(out, "allocation, SFU JVM", format("%.2f MB/s (all live threads)", perSecond(sfuAllocated) / 1e6));
        row(out, "GC in window", gcCount + " collections, " + gcTimeMs + " ms; heap used at the end " + heapUsedMb
                + " MB");
        row(out, "received by consumers", format("%d of %d forwarded; lost %d (%.3f %%), corrupt %d",
                received.unique(), forwarded, received.lost(), lossPercent(), received.corrupt()));
        row(out, "one-way delay", latency.samples() == 0 ? "no samples" : format(
                "p50 %d us, p99 %d us, p99.9 %d us, max %s (publisher send stamp -> consumer receive)",
                latency.p50Micros(), latency.p99Micros(), latency.p999Micros(), maxLatency()));
        row(out, "driver CPU (peers)", format("%.0f %% of a core", percentOfCore(driverCpuNs)));
        row(out, "machine busy", format("%.0f %% of %d00 %%, of which %.0f %% neither SFU nor driver",
                machineBusyPercent, MachineInfo.cpuCount(), othersPercent()));
        row(out, "SFU threads by CPU", busiestThreads.stream()
                .map(e -> format("%s %.1f%%", e.getKey(), percentOfCore(e.getValue())))
                .collect(Collectors.joining(", "))
                + format("; JIT, GC and VM threads %.1f%%", percentOfCore(sfuCpuNs - allThreadsCpuNs)));
        out.println("RESULT " + summary());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private String maxLatency() {
        return latency.maxMicros() >= LatencyHistogram.MAX_MICROS ? ">= 100 ms" : latency.maxMicros() + " us";
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-24s %s%n", label, value);
    }

    /** The machine-readable line: one JSON object, stable keys. */
    ObjectNode summary() {
        ObjectNode s = SfuProcess.JSON.createObjectNode();
        s.put("bench", "forwarding");
        s.put("jdk", sfuInfo.path("jdk").asText());
        s.put("cpus", MachineInfo.cpuCount());
        s.put("transport", options.transport().value());
        s.put("srtp", options.srtp().cryptoSuite());
        s.put("profiled", options.jfr() != null);
        s.put("consumers", options.consumers());
        s.put("consumersPerPeer", options.consumersPerPeer());
        s.put("ppsRequested", options.pps());
        s.put("opus", options.opus());
        s.put("seconds", round(seconds, 2));
        s.put("ppsIn", round(perSecond(in), 1));
        s.put("ppsOut", round(perSecond(forwarded), 1));
        s.put("sfuCpuPercent", round(percentOfCore(sfuCpuNs), 1));
        s.put("nsPerForwarded", round(nsPerForwarded(), 0));
        s.put("workerThreadNsPerForwarded", round(workerCpuNs / forwarded, 0));
        s.put("nsPerInput", round(sfuCpuNs / Math.max(1, in), 0));
        s.put("workerBytesPerForwarded", round((double) workerAllocated / forwarded, 1));
        s.put("sfuAllocMBps", round(perSecond(sfuAllocated) / 1e6, 3));
        s.put("gcCount", gcCount);
        s.put("gcTimeMs", gcTimeMs);
        s.put("heapUsedMb", heapUsedMb);
        s.put("lost", received.lost());
        s.put("lossPercent", round(lossPercent(), 4));
        s.put("corrupt", received.corrupt());
        s.put("latencyP50us", latency.p50Micros());
        s.put("latencyP99us", latency.p99Micros());
        s.put("latencyP999us", latency.p999Micros());
        s.put("latencyMaxUs", latency.maxMicros());
        s.put("driverCpuPercent", round(percentOfCore(driverCpuNs), 1));
        s.put("machineBusyPercent", round(machineBusyPercent, 1));
        s.put("othersCpuPercent", round(othersPercent(), 1));
        return s;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : value;
    }
}
