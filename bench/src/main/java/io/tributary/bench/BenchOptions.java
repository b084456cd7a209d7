package io.tributary.bench;

import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.srtp.SrtpProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The forwarding benchmark's flags.
 *
 * @param consumers        consumers of the video producer (the fan-out N)
 * @param consumersPerPeer consumers sharing one peer (one WebRtcTransport); 1 is one peer per consumer
 * @param pps              video packets per second the publisher sends
 * @param opus             also publish and consume Opus (50 packets/s more in, N × 50 out)
 * @param warmupSeconds    traffic before the window opens (JIT, key frames, socket buffers)
 * @param seconds          the measured window
 * @param javaHome         JDK of the SFU process; null for the driver's own
 * @param transport        how every peer reaches the SFU
 * @param srtp             the one SRTP profile the peers offer, so the SFU has to use it
 * @param sfuJvmOptions    extra options for the SFU JVM (heap, GC, ...)
 * @param jfr              where the SFU dumps a JFR recording ("profile" settings) of the window; null for none
 */
record BenchOptions(int consumers, int consumersPerPeer, int pps, boolean opus, int warmupSeconds, int seconds,
                    Path javaHome, TransportProtocol transport, SrtpProfile srtp, List<String> sfuJvmOptions,
                    Path jfr) {

    static final String USAGE = """
            usage: ForwardingBench [--consumers N] [--consumers-per-peer K] [--pps P] [--opus]
                                   [--warmup S] [--seconds S] [--jdk JAVA_HOME] [--transport udp|tcp]
                                   [--srtp PROFILE] [--sfu-jvm-opt OPTION]... [--jfr FILE]
              --consumers N           video consumers, the fan-out (default 50)
              --consumers-per-peer K  consumers per peer/transport (default 1: one peer each)
              --pps P                 video packets/s from the publisher, 1200-byte payloads (default 1000)
              --opus                  also forward Opus (50 packets/s)
              --warmup S              seconds of traffic before measuring (default 5)
              --seconds S             measured window in seconds (default 15)
              --jdk JAVA_HOME         JDK for the SFU process (default: the driver's)
              --transport udp|tcp     how peers reach the SFU (default udp)
              --srtp PROFILE          the SRTP profile peers offer (default AES_CM_128_HMAC_SHA1_80, as the
                                      reference figures; AEAD_AES_256_GCM is what the SFU picks from a browser)
              --sfu-jvm-opt OPTION    extra SFU JVM option, repeatable (e.g. -Xmx512m)
              --jfr FILE              JFR recording of the SFU over the window only (figures then include
                                      the profiler's overhead)
            """;

    BenchOptions {
        sfuJvmOptions = List.copyOf(sfuJvmOptions);
        if (consumers < 1 || consumersPerPeer < 1 || pps < 10 || pps > 20_000 || warmupSeconds < 0 || seconds < 1) {
            throw new IllegalArgumentException("out of range: " + this);
        }
        if (javaHome != null && !Files.isExecutable(javaHome.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("no bin/java under " + javaHome);
        }
    }

    static BenchOptions parse(String... args) {
        int consumers = 50;
        int perPeer = 1;
        int pps = 1000;
        boolean opus = false;
        int warmup = 5;
        int seconds = 15;
        Path jdk = null;
        TransportProtocol transport = TransportProtocol.UDP;
        SrtpProfile srtp = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        List<String> jvm = new ArrayList<>();
        Path jfr = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--opus")) {
                opus = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--consumers" -> consumers = Integer.parseInt(value);
                case "--consumers-per-peer" -> perPeer = Integer.parseInt(value);
                case "--pps" -> pps = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--jdk" -> jdk = Path.of(value);
                case "--transport" -> transport = switch (value.toLowerCase(Locale.ROOT)) {
                    case "udp" -> TransportProtocol.UDP;
                    case "tcp" -> TransportProtocol.TCP;
                    default -> throw new IllegalArgumentException("--transport is udp or tcp, not " + value);
                };
                case "--srtp" -> srtp = SrtpProfile.fromCryptoSuite(value.toUpperCase(Locale.ROOT));
                case "--sfu-jvm-opt" -> jvm.add(value);
                case "--jfr" -> jfr = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        return new BenchOptions(consumers, perPeer, pps, opus, warmup, seconds, jdk, transport, srtp, jvm, jfr);
    }

    int peers() {
        return (consumers + consumersPerPeer - 1) / consumersPerPeer;
    }
}
