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
 * UDP on loopback, and to a router of another node (a child JVM) through router-pipe's control API and
 * a UDP pipe pair with SRTP (what crosses nodes), against the same producer and consumer on one router.
 * The CPU of the two worker threads (user + system, from the JVM; on both nodes for the cross-node
 * path) over a window, divided by the packets the consumer got, gives ns per packet; the difference to
 * the direct path is what the hop costs. The process figure of the cross-node path sums both processes.
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
            try (PipeHopFarNode far = PipeHopFarNode.start(vertx)) {
                Meter meter = new Meter(threadA, threadB, far, new ProcessCpu(ProcessHandle.current().pid()));
                for (PipeHopRig.Path path : PipeHopRig.Path.values()) {
                    samples.add(measure(path, options, workerA, workerB, meter));
                }
                if (samples.get(samples.size() - 1).delivered() == 0) {
                    out.println("the far node delivered nothing in the window; its last stats: " + far.lastStats());
                }
            }
            await(workerA.close());
            await(workerB.close());
        } finally {
            await(vertx.close());
        }
        print(options, samples, out);
        return samples;
    }

    private static Sample measure(PipeHopRig.Path path, Options options, Worker workerA, Worker workerB, Meter meter)
            throws Exception {
        PipeHopRig rig = await(PipeHopRig.start(path, workerA, workerB, options.payload(), meter.far()));
        rig.startSending(options.pps());
        awaitFirstDelivery(path, rig, meter);
        Thread.sleep((long) (options.warmup() * 1000));
        long sent0 = await(rig.sent());
        Reading start = meter.read(path, rig);
        Thread.sleep((long) (options.seconds() * 1000));
        long sent1 = await(rig.sent());
        Reading end = meter.read(path, rig);
        long dropped = await(rig.pipeDrops());
        rig.stopSending();
        await(rig.close());
        return new Sample(path, sent1 - sent0, end.delivered() - start.delivered(), dropped,
                end.workerCpuNs() - start.workerCpuNs(), end.processCpuNs() - start.processCpuNs());
    }

    /** The warm-up starts once media flows: a cold second JVM may take a while to forward its first packet. */
    private static void awaitFirstDelivery(PipeHopRig.Path path, PipeHopRig rig, Meter meter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (meter.read(path, rig).delivered() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path.label + ": nothing delivered within 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** Packets delivered so far and the CPU spent: the two worker threads and the process, or both nodes' of each. */
    record Reading(long delivered, long workerCpuNs, long processCpuNs) {
    }

    /** Reads a path's counters: in this JVM, or on both nodes for the cross-node path. */
    record Meter(long threadA, long threadB, PipeHopFarNode far, ProcessCpu process) {
        Reading read(PipeHopRig.Path path, PipeHopRig rig) {
            if (path != PipeHopRig.Path.CROSS_NODE) {
                return new Reading(rig.delivered(), threadCpu(threadA) + threadCpu(threadB), process.nanos());
            }
            PipeHopFarNode.Reading there = far.read();
            return new Reading(there.delivered(), threadCpu(threadA) + there.workerCpuNs(),
                    process.nanos() + there.processCpuNs());
        }
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
        Sample crossNode = samples.get(3);
        out.printf(Locale.ROOT, "pipe hop cost (workers' CPU over the direct path): in-process %.0f ns, UDP %.0f ns,"
                        + " across nodes (SRTP, both processes' workers) %.0f ns%n",
                inProcess.nsPerPacket() - direct.nsPerPacket(), udp.nsPerPacket() - direct.nsPerPacket(),
                crossNode.nsPerPacket() - direct.nsPerPacket());
        out.printf(Locale.ROOT, "RESULT {\"pps\":%d,\"payload\":%d,\"directNs\":%.1f,\"inProcessNs\":%.1f,\"udpNs\":%.1f,"
                        + "\"crossNodeNs\":%.1f,\"crossNodeProcessNs\":%.1f,"
                        + "\"directDelivered\":%d,\"inProcessDelivered\":%d,\"udpDelivered\":%d,\"crossNodeDelivered\":%d,"
                        + "\"inProcessHopNs\":%.1f,\"udpHopNs\":%.1f,\"crossNodeHopNs\":%.1f,\"jdk\":\"%s\"}%n",
                options.pps(), options.payload(), direct.nsPerPacket(), inProcess.nsPerPacket(), udp.nsPerPacket(),
                crossNode.nsPerPacket(), crossNode.processNsPerPacket(),
                direct.delivered(), inProcess.delivered(), udp.delivered(), crossNode.delivered(),
                inProcess.nsPerPacket() - direct.nsPerPacket(), udp.nsPerPacket() - direct.nsPerPacket(),
                crossNode.nsPerPacket() - direct.nsPerPacket(), MachineInfo.jdk());
    }

    private static long threadCpu(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
