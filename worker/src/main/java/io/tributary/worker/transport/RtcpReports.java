package io.tributary.worker.transport;

import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtcp.RtcpCompoundWriter;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The RTCP a transport generates on its own, on a 40 ms tick: producers' NACK retries and key frame
 * retries every tick, bandwidth feedback toward the senders, and every 1 to 1.5 s (the first after
 * 500 ms, as mediasoup) an SR for each consumer stream and an RR with a block for each producer
 * stream, packed into compound packets.
 */
final class RtcpReports {

    private static final long FIRST_REPORT_MS = 500;
    private static final long REPORT_INTERVAL_MS = 1000;
    /** Compound packets stay under a safe MTU; the rest of the buffer is room for the SRTCP trailer. */
    private static final int MAX_COMPOUND = 1200;

    /** Where finished compound packets go (the transport's RTCP send, which encrypts in place). */
    @FunctionalInterface
    interface Sender {
        void send(byte[] buf, int off, int len);
    }

    private final Collection<Producer> producers;
    private final Collection<Consumer> consumers;
    private final Sender sender;
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final byte[] buffer = new byte[1500];
    /** This transport's SSRC as a receiver (RR sender SSRC): it sends no media of its own. */
    private final int receiverSsrc = ThreadLocalRandom.current().nextInt() | 1;
    private final IncomingBandwidthFeedback bandwidthFeedback;
    private long nextReportMs = -1;

    RtcpReports(Collection<Producer> producers, Collection<Consumer> consumers, Sender sender) {
        this.producers = producers;
        this.consumers = consumers;
        this.sender = sender;
        this.bandwidthFeedback = new IncomingBandwidthFeedback(sender, receiverSsrc);
    }

    IncomingBandwidthFeedback bandwidthFeedback() {
        return bandwidthFeedback;
    }

    void onTick(long nowMs) {
        for (Producer producer : producers) {
            producer.onTimer(nowMs);
        }
        bandwidthFeedback.onTick(nowMs);
        if (nextReportMs < 0) {
            nextReportMs = nowMs + FIRST_REPORT_MS;
        } else if (nowMs >= nextReportMs) {
            nextReportMs = nowMs + (long) (REPORT_INTERVAL_MS * (1.0 + ThreadLocalRandom.current().nextDouble(0.5)));
            sendReports(nowMs);
        }
    }

    private void sendReports(long nowMs) {
        writer.reset(buffer, 0, MAX_COMPOUND);
        for (Consumer consumer : consumers) {
            if (!consumer.addSenderReport(writer, nowMs)) {
                flush();
                consumer.addSenderReport(writer, nowMs);
            }
        }
        flush();
        writer.addReceiverReport(receiverSsrc);
        int empty = writer.length();
        for (Producer producer : producers) {
            if (!producer.addReceiverReportBlocks(writer, nowMs)) {
                flush();
                writer.addReceiverReport(receiverSsrc);
                producer.addReceiverReportBlocks(writer, nowMs);
            }
        }
        if (writer.length() > empty) {
            flush();
        }
    }

    private void flush() {
        int len = writer.length();
        if (len > 0) {
            sender.send(buffer, 0, len);
        }
        writer.reset(buffer, 0, MAX_COMPOUND);
    }
}
