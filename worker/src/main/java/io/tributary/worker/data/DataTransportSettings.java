package io.tributary.worker.data;

/**
 * What a transport is for data: direct (in-process messages), SCTP (with its options, and whether
 * it carries WebRTC DataChannels, as on a WebRtcTransport), or neither; and the largest message
 * its DataProducers may send (mediasoup's {@code maxMessageSize}).
 */
public record DataTransportSettings(boolean direct, long maxMessageSize, TransportSctpOptions sctp, boolean dataChannels) {

    /** mediasoup's {@code maxMessageSize} for a transport without SCTP. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 262144;

    public DataTransportSettings {
        sctp = sctp == null ? TransportSctpOptions.DISABLED : sctp;
    }

    /** No SCTP and not direct: produceData and consumeData fail. */
    public static DataTransportSettings none() {
        return new DataTransportSettings(false, DEFAULT_MAX_MESSAGE_SIZE, null, false);
    }

    public static DataTransportSettings direct(long maxMessageSize) {
        return new DataTransportSettings(true, maxMessageSize, null, false);
    }

    /** SCTP per {@code options} (or none when disabled); {@code dataChannels} for a WebRtcTransport. */
    public static DataTransportSettings sctp(TransportSctpOptions options, boolean dataChannels) {
        return options == null || !options.enableSctp() ? none()
                : new DataTransportSettings(false, options.maxSctpMessageSize(), options, dataChannels);
    }
}
