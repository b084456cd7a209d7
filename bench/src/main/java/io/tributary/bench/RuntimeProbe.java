package io.tributary.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JVM itself knows about its cost, read inside the SFU process: CPU and allocated bytes
 * per thread, garbage collections. Cumulative counters; the driver subtracts two readings.
 */
final class RuntimeProbe {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    RuntimeProbe() {
        // Both are on by default on HotSpot; set them anyway so a figure is never silently -1.
        threads.setThreadCpuTimeEnabled(true);
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** Cumulative figures now; {@code workerThreadId} is the event loop the media path runs on. */
    Map<String, Object> read(long workerThreadId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workerThreadCpuNs", threads.getThreadCpuTime(workerThreadId));
        out.put("workerThreadAllocatedBytes", threads.getThreadAllocatedBytes(workerThreadId));
        long gcCount = 0;
        long gcTimeMs = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTimeMs += Math.max(0, gc.getCollectionTime());
        }
        out.put("gcCount", gcCount);
        out.put("gcTimeMs", gcTimeMs);
        out.put("heapUsedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long allocated = 0;
        Map<String, Long> cpuByThread = new LinkedHashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info == null) {
                continue;
            }
            long id = info.getThreadId();
            allocated += Math.max(0, threads.getThreadAllocatedBytes(id));
            // Threads of one pool share a name prefix only by convention, so keep names whole (plus id).
            cpuByThread.put(info.getThreadName() + "#" + id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        // Threads that ended are not counted: the SFU's threads all live as long as the run.
        out.put("liveThreadsAllocatedBytes", allocated);
        out.put("threadCpuNs", cpuByThread);
        return out;
    }

    /** The collectors' names, e.g. "G1 Young Generation". */
    List<String> collectorNames() {
        return collectors.stream().map(GarbageCollectorMXBean::getName).toList();
    }
}
