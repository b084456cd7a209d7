package io.tributary.worker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mediasoup's {@code getResourceUsage()} fields (getrusage names, CPU times in ms). CPU time and
 * context switches are the worker thread's own; memory and faults are the whole process's, since
 * workers share the node's JVM. Fields Linux does not maintain stay 0, as in getrusage.
 */
public record WorkerResourceUsage(
        long ru_utime, long ru_stime, long ru_maxrss, long ru_ixrss, long ru_idrss, long ru_isrss,
        long ru_minflt, long ru_majflt, long ru_nswap, long ru_inblock, long ru_oublock,
        long ru_msgsnd, long ru_msgrcv, long ru_nsignals, long ru_nvcsw, long ru_nivcsw) {

    static WorkerResourceUsage of(Thread thread) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long tid = thread.getId();
        long cpuNs = Math.max(0, threads.getThreadCpuTime(tid));
        long userNs = Math.max(0, threads.getThreadUserTime(tid));
        String threadStatus = read(Path.of("/proc/thread-self/status"));
        String processStatus = read(Path.of("/proc/self/status"));
        String[] stat = statFields(read(Path.of("/proc/self/stat")));
        return new WorkerResourceUsage(
                userNs / 1_000_000, (cpuNs - userNs) / 1_000_000,
                statusValue(processStatus, "VmHWM:"), 0, 0, 0,
                field(stat, 10), field(stat, 12), 0, 0, 0, 0, 0, 0,
                statusValue(threadStatus, "voluntary_ctxt_switches:"),
                statusValue(threadStatus, "nonvoluntary_ctxt_switches:"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** Fields of /proc/self/stat after the parenthesised command name, 1-based as in proc(5). */
    private static String[] statFields(String stat) {
        int close = stat.lastIndexOf(')');
        return close < 0 ? new String[0] : stat.substring(close + 2).trim().split("\\s+");
    }

    private static long field(String[] afterComm, int procIndex) {
        int i = procIndex - 3;
        return i >= 0 && i < afterComm.length ? parse(afterComm[i]) : 0;
    }

    private static long statusValue(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return parse(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
