package io.tributary.bench;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU cost of one pipe hop inside a node: a producer on worker A's router forwarded to a consumer on
 * worker B's router through pipeToRouter (the in-process link), and through a pipe transport pair over
 * UDP on loopback (what crosses nodes), against the same producer and consumer on one router. The CPU
 * of the two worker threads (user + system, from the JVM) over a window, divided by the packets the
 * consumer got, gives ns per packet; the difference to the direct path is what the hop costs.
 */
public final class PipeHopBench {

    static final String USAGE = "usage: PipeHopBench [--pps P (20000)] [--seconds S (5)] [--warmup S (2)]"
            + " [--payload BYTES (1000)]";

    private PipeHopBench() {
    }

    record Options(int pps, double seconds, double warmup, int payload) {
        static Options parse(String... args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("--pps", "20000", "--seconds", "5",
                    "--warmup", "2", "--payload", "1000"));
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown or incomplete flag " + args[i]);
                }
                values.put(args[i], args[i + 1]);
            }
            return new Options(Integer.parseInt(values.get("--pps")), Double.parseDouble(values.get("--seconds")),
                    Double.parseDouble(values.get("--warmup")), Integer.parseInt(values.get("--payload")));
        }
    }

    /** One path's window: packets sent and delivered, CPU of the worker threads and of the process. */
    record Sample(PipeHopRig.Path path, long sent, long delivered, long dropped, long workerCpuNs, long processCpuNs) {
        double nsPerPacket() {
            return delivered == 0 ? 0 : (double) workerCpuNs / delivered;
        }

        double processNsPerPacket() {
            return delivered == 0 ? 0 : (double) processCpuNs / delivered;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
        System.exit(0);
    }

    static List<Sample> run(Options options, PrintStream out) throws Exception {
        QuietLogs.apply();
        // Two worker loops and a spare, as a node sizes its pool: the workers never share a thread.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3).setPreferNativeTransport(true));
        List<Sample> samples = new ArrayList<>();
        try {
            Worker workerA = await(Worker.create(vertx, WorkerSettings.defaults()));
            Worker workerB = await(Worker.create(vertx, WorkerSettings.defaults()));
            long threadA = await(workerA.loop().call(() -> Thread.currentThread().getId()));
            long threadB = await(workerB.loop().call(() -> Thread.currentThread().getId()));
            for (PipeHopRig.Path path : PipeHopRig.Path.values()) {
                samples.add(measure(path, options, workerA, workerB, threadA, threadB));
            }
            await(workerA.close());
            await(workerB.close());
        } finally {
            await(vertx.close());
        }
        print(options, samples, out);
        return samples;
    }

    private static Sample measure(PipeHopRig.Path path, Options options, Worker workerA, Worker workerB,
                                  long threadA, long threadB) throws Exception {
        PipeHopRig rig = await(PipeHopRig.start(path, workerA, workerB, options.payload()));
        ProcessCpu process = new ProcessCpu(ProcessHandle.current().pid());
        rig.startSending(options.pps());
        Thread.sleep((long) (options.warmup() * 1000));
        long sent0 = await(rig.sent());
        long delivered0 = rig.delivered();
        long cpu0 = threadCpu(threadA) + threadCpu(threadB);
        long process0 = process.nanos();
        Thread.sleep((long) (options.seconds() * 1000));
        long sent1 = await(rig.sent());
        long delivered1 = rig.delivered();
        long cpu1 = threadCpu(threadA) + threadCpu(threadB);
        long process1 = process.nanos();
        long dropped = await(rig.pipeDrops());
        rig.stopSending();
        await(rig.close());
        return new Sample(path, sent1 - sent0, delivered1 - delivered0, dropped, cpu1 - cpu0, process1 - process0);
    }

    private static void print(Options options, List<Sample> samples, PrintStream out) {
        out.printf(Locale.ROOT, "pipe hop: %d pps of %d-byte VP8 payloads, warm-up %.1f s, window %.1f s; %s, %d CPUs%n",
                options.pps(), options.payload(), options.warmup(), options.seconds(), MachineInfo.jdk(),
                MachineInfo.cpuCount());
        out.printf(Locale.ROOT, "%-22s %10s %10s %10s %22s %22s%n", "path", "sent", "delivered", "dropped",
                "ns CPU/pkt (workers)", "ns CPU/pkt (process)");
        for (Sample s : samples) {
            out.printf(Locale.ROOT, "%-22s %10d %10d %10d %22.0f %22.0f%n", s.path().label, s.sent(), s.delivered(),
                    s.dropped(), s.nsPerPacket(), s.processNsPerPacket());
        }
        Sample direct = samples.get(0);
        Sample inProcess = samples.get(1);
        Sample udp = samples.get(2);
        out.printf(Locale.ROOT, "pipe hop cost (workers' CPU over the direct path): in-process %.0f ns, UDP %.0f ns%n",
                inProcess.nsPerPacket() - direct.nsPerPacket(), udp.nsPerPacket() - direct.nsPerPacket());
        out.printf(Locale.ROOT, "RESULT {\"pps\":%d,\"payload\":%d,\"directNs\":%.1f,\"inProcessNs\":%.1f,\"udpNs\":%.1f,"
                        + "\"directDelivered\":%d,\"inProcessDelivered\":%d,\"udpDelivered\":%d,"
                        + "\"inProcessHopNs\":%.1f,\"udpHopNs\":%.1f,\"jdk\":\"%s\"}%n",
                options.pps(), options.payload(), direct.nsPerPacket(), inProcess.nsPerPacket(), udp.nsPerPacket(),
                direct.delivered(), inProcess.delivered(), udp.delivered(),
                inProcess.nsPerPacket() - direct.nsPerPacket(), udp.nsPerPacket() - direct.nsPerPacket(),
                MachineInfo.jdk());
    }

    private static long threadCpu(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
