package io.tributary.worker.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.NumSctpStreams;
import io.tributary.worker.sctp.SctpOptions;

/**
 * The SCTP options of mediasoup's WebRtc, Plain and Pipe transports: {@code enableSctp},
 * {@code numSctpStreams}, {@code maxSctpMessageSize} and {@code sctpSendBufferSize}, with
 * mediasoup's defaults (PipeTransport's sizes are larger: {@link #pipeDefaults()}).
 */
public record TransportSctpOptions(
        boolean enableSctp, NumSctpStreams numSctpStreams, long maxSctpMessageSize, long sctpSendBufferSize) {

    public static final NumSctpStreams DEFAULT_NUM_SCTP_STREAMS = new NumSctpStreams(1024, 1024);
    public static final long DEFAULT_MAX_SCTP_MESSAGE_SIZE = 262144;
    public static final long DEFAULT_SCTP_SEND_BUFFER_SIZE = 262144;
    public static final long PIPE_SCTP_SIZE = 268435456;
    /** The worker's ceiling for {@code sctpSendBufferSize}. */
    public static final long MAX_SCTP_SEND_BUFFER_SIZE = 268435456;

    /** SCTP off, as every transport has it unless asked. */
    public static final TransportSctpOptions DISABLED = new TransportSctpOptions(false, DEFAULT_NUM_SCTP_STREAMS,
            DEFAULT_MAX_SCTP_MESSAGE_SIZE, DEFAULT_SCTP_SEND_BUFFER_SIZE);

    public TransportSctpOptions {
        numSctpStreams = numSctpStreams == null ? DEFAULT_NUM_SCTP_STREAMS : numSctpStreams;
    }

    /** {@code enableSctp: true} with the WebRtc and Plain transports' defaults. */
    public static TransportSctpOptions enabled() {
        return DISABLED.withEnableSctp(true);
    }

    /** PipeTransport's defaults: SCTP off, and 268435456-byte message and buffer sizes. */
    public static TransportSctpOptions pipeDefaults() {
        return new TransportSctpOptions(false, DEFAULT_NUM_SCTP_STREAMS, PIPE_SCTP_SIZE, PIPE_SCTP_SIZE);
    }

    public TransportSctpOptions withEnableSctp(boolean value) {
        return new TransportSctpOptions(value, numSctpStreams, maxSctpMessageSize, sctpSendBufferSize);
    }

    public TransportSctpOptions withNumSctpStreams(NumSctpStreams value) {
        return new TransportSctpOptions(enableSctp, value, maxSctpMessageSize, sctpSendBufferSize);
    }

    public TransportSctpOptions withMaxSctpMessageSize(long value) {
        return new TransportSctpOptions(enableSctp, numSctpStreams, value, sctpSendBufferSize);
    }

    public TransportSctpOptions withSctpSendBufferSize(long value) {
        return new TransportSctpOptions(enableSctp, numSctpStreams, maxSctpMessageSize, value);
    }

    /** mediasoup's check of a signaled {@code numSctpStreams}: an object with numeric OS and MIS. */
    public static NumSctpStreams parseNumSctpStreams(JsonNode given) {
        if (given == null || !given.isObject() || !given.path("OS").isNumber() || !given.path("MIS").isNumber()) {
            throw new TypeError("if given, numSctpStreams must contain OS and MIS");
        }
        return new NumSctpStreams(given.get("OS").intValue(), given.get("MIS").intValue());
    }

    /** Stream counts are uint16 on the wire; the sizes must be positive and the buffer within the worker's limit. */
    public void validate() {
        if (!enableSctp) {
            return;
        }
        if (outOfStreamRange(numSctpStreams.os()) || outOfStreamRange(numSctpStreams.mis())) {
            throw new TypeError("numSctpStreams OS and MIS must be between 1 and 65535");
        }
        if (maxSctpMessageSize <= 0) {
            throw new TypeError("if given, maxSctpMessageSize must be a positive number");
        }
        if (sctpSendBufferSize <= 0) {
            throw new TypeError("if given, sctpSendBufferSize must be a positive number");
        }
        if (sctpSendBufferSize > MAX_SCTP_SEND_BUFFER_SIZE) {
            throw new TypeError("wrong sctpSendBufferSize (maximum value exceeded)");
        }
    }

    private static boolean outOfStreamRange(int count) {
        return count < 1 || count > 65535;
    }

    SctpOptions toSctpOptions() {
        return new SctpOptions(numSctpStreams.os(), numSctpStreams.mis(), maxSctpMessageSize, sctpSendBufferSize);
    }
}
