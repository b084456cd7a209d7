package io.tributary.bench;

import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.client.room.RoomParticipant;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Join time: a standalone node in this JVM, one participant publishing VP8 and Opus into a room,
 * then K joiners one after the other, each timed from opening its WebSocket to the first video key
 * frame arriving on its receive transport — what a user waits for before seeing the publisher.
 * Each joiner leaves before the next comes, so every sample sees the same room (publisher + one).
 * Joins are {@link #GAP_MS} apart.
 */
public final class JoinTimeBench {

    static final String USAGE = "usage: JoinTimeBench [--joins K]   (K joiners measured one by one, default 20)";
    private static final String ROOM = "jointime";
    /**
     * Pause between joins. A producer asks its sender for a key frame at most once a second per
     * stream, so joins less than a second apart wait for the throttle (about 1 s each, measured),
     * not for the join path; spaced out, every sample is an isolated join's.
     */
    private static final long GAP_MS = 1200;

    private JoinTimeBench() {
    }

    public static void main(String[] args) throws Exception {
        int joins;
        try {
            joins = parseJoins(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        run(joins, System.out);
        System.exit(0);
    }

    static int parseJoins(String... args) {
        if (args.length == 0) {
            return 20;
        }
        if (args.length != 2 || !args[0].equals("--joins")) {
            throw new IllegalArgumentException("unknown flags " + Arrays.toString(args));
        }
        int joins = Integer.parseInt(args[1]);
        if (joins < 1) {
            throw new IllegalArgumentException("--joins must be at least 1");
        }
        return joins;
    }

    static void run(int joins, PrintStream out) throws Exception {
        QuietLogs.apply();
        ServerConfig config = new ServerConfig("127.0.0.1", freePort(), freePort(), 1, null);
        StandaloneNode node = StandaloneNode.start(config).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Vertx vertx = Vertx.vertx();
        try (RoomParticipant publisher = new RoomParticipant(vertx, node.httpPort(), ROOM, "publisher")) {
            publisher.join("publisher");
            // Key frames only on request, as a browser sends them: a joiner's first frame comes from the
            // PLI its consumer triggers, so the figure includes that round trip, not a periodic key frame.
            publisher.produce(publisher.sendPeer().publishVp8(Vp8Options.single("1", 2222, 2223).withKeyFrameInterval(0)));
            publisher.produce(publisher.sendPeer().publishOpus(OpusOptions.of("0", 1111)));
            List<JoinSample> samples = new ArrayList<>();
            for (int i = 0; i < joins; i++) {
                if (i > 0) {
                    Thread.sleep(GAP_MS);
                }
                samples.add(joinOnce(vertx, node.httpPort(), "joiner-" + i));
            }
            report(samples, out);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static JoinSample joinOnce(Vertx vertx, int port, String peerId) {
        try (RoomParticipant joiner = new RoomParticipant(vertx, port, ROOM, peerId)) {
            joiner.join(peerId);
            long frameAt = RoomParticipant.await(joiner.firstVideoKeyFrameAt());
            return JoinSample.of(joiner, frameAt);
        }
    }

    private static void report(List<JoinSample> samples, PrintStream out) {
        double[] total = sorted(samples, JoinSample::frameMs);
        double[] open = sorted(samples, JoinSample::openMs);
        double[] join = sorted(samples, s -> s.joinMs() - s.openMs());
        double[] consumer = sorted(samples, s -> s.consumerMs() - s.joinMs());
        double[] frame = sorted(samples, s -> s.frameMs() - s.consumerMs());
        out.printf(Locale.ROOT, "JDK %s, %d CPUs (%s); %d joins %d ms apart, publisher VP8 500 kbit/s 30 fps + Opus%n",
                MachineInfo.jdk(), MachineInfo.cpuCount(), MachineInfo.cpuModel(), samples.size(), GAP_MS);
        out.printf(Locale.ROOT, "%-44s %8s %8s %8s%n", "ms", "p50", "p90", "max");
        line(out, "join time (WebSocket open -> first key frame)", total);
        line(out, "  WebSocket open", open);
        line(out, "  open -> join answered", join);
        line(out, "  join answered -> newConsumer (video)", consumer);
        line(out, "  newConsumer -> first key frame", frame);
        out.printf(Locale.ROOT, "first (cold) join %.1f ms%n", samples.get(0).frameMs());
        out.printf(Locale.ROOT, "RESULT {\"joins\":%d,\"p50Ms\":%.1f,\"p90Ms\":%.1f,\"maxMs\":%.1f,\"firstMs\":%.1f,"
                        + "\"openP50Ms\":%.1f,\"joinP50Ms\":%.1f,\"consumerP50Ms\":%.1f,\"frameP50Ms\":%.1f,"
                        + "\"jdk\":\"%s\",\"cpus\":%d}%n",
                samples.size(), pct(total, 50), pct(total, 90), pct(total, 100), samples.get(0).frameMs(),
                pct(open, 50), pct(join, 50), pct(consumer, 50), pct(frame, 50), MachineInfo.jdk(),
                MachineInfo.cpuCount());
    }

    private static void line(PrintStream out, String label, double[] values) {
        out.printf(Locale.ROOT, "%-44s %8.1f %8.1f %8.1f%n", label, pct(values, 50), pct(values, 90), pct(values, 100));
    }

    private static double[] sorted(List<JoinSample> samples, ToDoubleFunction<JoinSample> f) {
        return samples.stream().mapToDouble(f).sorted().toArray();
    }

    /** Nearest-rank percentile: with 20 samples p90 is the 18th, an observed value, not an interpolation. */
    private static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
