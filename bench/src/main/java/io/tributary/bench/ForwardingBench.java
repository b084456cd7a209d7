package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one forwarded SRTP packet costs the SFU: 1 producer fanned out to N consumers over real
 * ICE/DTLS/SRTP on loopback, the SFU alone in a child JVM ({@link BenchSfu}) so its CPU time can be
 * read from {@code /proc} as the reference figures for mediasoup and Janus were, the peers in this
 * process. After a warm-up, one window is measured; see {@link BenchOptions#USAGE} for the flags
 * and bench/README.md for how to read the figures.
 */
public final class ForwardingBench {

    /** Set-up and tear-down beyond warm-up and window; a run taking longer is hung. */
    private static final long SLACK_SECONDS = 120;
    /** Consumers joining get a key frame within about a second (one PLI per second per stream at most). */
    private static final int KEY_FRAME_WAIT_SECONDS = 3;

    private ForwardingBench() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        startWatchdog(options.warmupSeconds() + options.seconds() + SLACK_SECONDS);
        try {
            run(options, System.out);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("forwarding bench failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Sets up, warms up, measures one window and prints its report; everything is torn down after. */
    static ForwardingReport run(BenchOptions options, PrintStream out) throws Exception {
        QuietLogs.apply();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        try (SfuProcess sfu = SfuProcess.start(options.javaHome(), options.sfuJvmOptions());
             SfuPeers peers = new SfuPeers(sfu, vertx, options.transport(), options.srtp())) {
            out.printf(Locale.ROOT, "SFU process %d on %s; connecting 1 publisher and %d consumers on %d peers%n",
                    sfu.info().path("pid").asLong(), sfu.info().path("jdk").asText(), options.consumers(),
                    options.peers());
            Publisher publisher = new Publisher(peers, options.pps(), options.opus());
            LatencyHistogram latency = new LatencyHistogram();
            Audience audience = new Audience(latency);
            audience.join(peers, publisher.producerIds(), options.consumers(), options.consumersPerPeer());
            awaitFlowing(sfu, publisher, audience, out);
            out.printf(Locale.ROOT, "all consumers receiving; warming up %d s, then measuring %d s%n",
                    options.warmupSeconds(), options.seconds());
            TimeUnit.SECONDS.sleep(options.warmupSeconds());

            ProcessCpu driver = new ProcessCpu(ProcessHandle.current().pid());
            if (options.jfr() != null) {
                sfu.call(SfuProcess.command("jfrStart"));
            }
            Snapshot start = Snapshot.take(sfu, driver, publisher, audience);
            latency.start();
            TimeUnit.SECONDS.sleep(options.seconds());
            latency.stop();
            Snapshot end = Snapshot.take(sfu, driver, publisher, audience);
            if (options.jfr() != null) {
                sfu.call(SfuProcess.command("jfrStop").put("file", options.jfr().toString()));
                out.println("JFR recording of the window: " + options.jfr());
            }

            ForwardingReport report = new ForwardingReport(options, sfu.info(), start, end, latency.summary());
            report.print(out);
            return report;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Every consumer waits for a key frame, which the SFU should ask the publisher for (PLI). If it
     * has not come within a few seconds, the publisher is asked directly, with a note, so a broken
     * key frame path shows without stopping the cost measurement.
     */
    private static void awaitFlowing(SfuProcess sfu, Publisher publisher, Audience audience, PrintStream out) {
        CompletableFuture<Void> flowing = audience.flowing();
        try {
            flowing.get(KEY_FRAME_WAIT_SECONDS, TimeUnit.SECONDS);
            return;
        } catch (TimeoutException e) {
            JsonNode stats = sfu.call(SfuProcess.command("stats"));
            out.printf(Locale.ROOT, "NOTE: after %d s, %d consumers still wait for a key frame; the SFU sent %d PLIs"
                            + " and %d FIRs (publisher: %s). Asking the publisher for a key frame directly.%n",
                    KEY_FRAME_WAIT_SECONDS, audience.silent(), stats.path("producerPlis").asLong(),
                    stats.path("producerFirs").asLong(), publisher.keyFrameActivity());
            publisher.requestKeyFrame();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("consumer stream failed: " + e.getCause(), e.getCause());
        }
        try {
            SfuPeers.join(flowing, "first packet on every consumer");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (" + audience.silent() + " consumers silent)", e);
        }
    }

    /** A hung run ends the process (whose shutdown hook kills the SFU child) instead of burning a shared box. */
    private static void startWatchdog(long seconds) {
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(seconds);
                System.err.println("forwarding bench: still running after " + seconds + " s, giving up");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
