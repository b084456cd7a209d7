package io.tributary.pipe.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The control API's routes (relative to where a node mounts it), shared by the server and the client. */
public final class ControlPaths {

    public static final String TRANSPORT_ID = "transportId";
    public static final String PRODUCER_ID = "producerId";

    public static final String PING = "/ping";
    public static final String TRANSPORTS = "/transports";
    public static final String TRANSPORT = "/transports/:" + TRANSPORT_ID;
    public static final String CONNECT = TRANSPORT + "/connect";
    public static final String PRODUCERS = TRANSPORT + "/producers";
    public static final String PRODUCER = PRODUCERS + "/:" + PRODUCER_ID;
    public static final String PAUSE = PRODUCER + "/pause";
    public static final String RESUME = PRODUCER + "/resume";
    public static final String CONSUMER = TRANSPORT + "/consumers/:" + PRODUCER_ID;
    public static final String DATA_PRODUCERS = TRANSPORT + "/dataProducers";
    public static final String DATA_PRODUCER = DATA_PRODUCERS + "/:" + PRODUCER_ID;
    public static final String DATA_CONSUMER = TRANSPORT + "/dataConsumers/:" + PRODUCER_ID;

    private ControlPaths() {
    }

    static String transport(String transportId) {
        return TRANSPORTS + "/" + encode(transportId);
    }

    static String producer(String transportId, String producerId) {
        return transport(transportId) + "/producers/" + encode(producerId);
    }

    static String consumer(String transportId, String producerId) {
        return transport(transportId) + "/consumers/" + encode(producerId);
    }

    static String dataProducer(String transportId, String dataProducerId) {
        return transport(transportId) + "/dataProducers/" + encode(dataProducerId);
    }

    static String dataConsumer(String transportId, String dataProducerId) {
        return transport(transportId) + "/dataConsumers/" + encode(dataProducerId);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
