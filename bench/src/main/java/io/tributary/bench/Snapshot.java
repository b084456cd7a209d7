package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Every cumulative counter of the run at one instant: the SFU's own (packets in and out, thread
 * CPU, allocation, GC), its process CPU from {@code /proc}, the driver's, the machine's, and what
 * the publisher sent and the consumers received. A window is the difference of two.
 */
record Snapshot(long nanoTime, long sfuProcessCpuNs, long driverProcessCpuNs, MachineLoad machine,
                long producerPackets, long consumerPackets, long consumerBytes, long workerThreadCpuNs,
                long workerThreadAllocatedBytes, long sfuAllocatedBytes, long gcCount, long gcTimeMs,
                long heapUsedBytes, Map<String, Long> sfuThreadCpuNs, long publisherSent, Audience.Totals audience) {

    /** The SFU's counters first, its /proc CPU right after, then the driver side. */
    static Snapshot take(SfuProcess sfu, ProcessCpu driver, Publisher publisher, Audience audience) {
        JsonNode s = sfu.call(SfuProcess.command("stats"));
        long sfuCpu = sfu.cpu().nanos();
        long now = System.nanoTime();
        Map<String, Long> threads = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("threadCpuNs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            threads.put(e.getKey(), e.getValue().asLong());
        }
        return new Snapshot(now, sfuCpu, driver.nanos(), MachineLoad.now(), s.path("producerPackets").asLong(),
                s.path("consumerPackets").asLong(), s.path("consumerBytes").asLong(),
                s.path("workerThreadCpuNs").asLong(), s.path("workerThreadAllocatedBytes").asLong(),
                s.path("liveThreadsAllocatedBytes").asLong(), s.path("gcCount").asLong(), s.path("gcTimeMs").asLong(),
                s.path("heapUsedBytes").asLong(),
                threads, publisher.packetsSent(), audience.totals());
    }
}
