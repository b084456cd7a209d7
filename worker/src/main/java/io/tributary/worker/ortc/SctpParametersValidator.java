package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.JsValues.isBoolean;
import static io.tributary.worker.ortc.JsValues.isNumber;
import static io.tributary.worker.ortc.JsValues.isObject;
import static io.tributary.worker.ortc.JsValues.isTruthy;
import static io.tributary.worker.ortc.JsValues.member;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.TypeError;

/**
 * SCTP validation: stream parameters as mediasoup checks them, capabilities and stream counts as
 * mediasoup-client does (the server receives them from it).
 */
final class SctpParametersValidator {

    private SctpParametersValidator() {}

    static SctpStreamParameters validateStreamParameters(JsonNode params) {
        JsValues.requireObject(params, "params is not an object");
        JsonNode streamId = member(params, "streamId");
        if (!isNumber(streamId)) {
            throw new TypeError("missing params.streamId");
        }
        int id = JsValues.integer(streamId, "invalid params.streamId");
        JsonNode ordered = member(params, "ordered");
        boolean orderedGiven = isBoolean(ordered);
        JsonNode lifeTime = member(params, "maxPacketLifeTime");
        Integer maxPacketLifeTime = optionalInteger(lifeTime, "invalid params.maxPacketLifeTime");
        JsonNode retransmits = member(params, "maxRetransmits");
        Integer maxRetransmits = optionalInteger(retransmits, "invalid params.maxRetransmits");
        boolean partiallyReliable = isTruthy(lifeTime) || isTruthy(retransmits);
        if (isTruthy(lifeTime) && isTruthy(retransmits)) {
            throw new TypeError("cannot provide both maxPacketLifeTime and maxRetransmits");
        }
        boolean isOrdered;
        if (orderedGiven) {
            isOrdered = ordered.booleanValue();
            if (isOrdered && partiallyReliable) {
                throw new TypeError("cannot be ordered with maxPacketLifeTime or maxRetransmits");
            }
        } else {
            isOrdered = !partiallyReliable;
        }
        return new SctpStreamParameters(id, isOrdered, maxPacketLifeTime, maxRetransmits);
    }

    static SctpCapabilities validateCapabilities(JsonNode caps) {
        JsValues.requireObject(caps, "caps is not an object");
        JsonNode numStreams = member(caps, "numStreams");
        if (!isTruthy(numStreams) || !isObject(numStreams)) {
            throw new TypeError("missing caps.numStreams");
        }
        return new SctpCapabilities(validateNumStreams(numStreams));
    }

    static NumSctpStreams validateNumStreams(JsonNode numStreams) {
        JsValues.requireObject(numStreams, "numStreams is not an object");
        JsonNode os = member(numStreams, "OS");
        if (!isNumber(os)) {
            throw new TypeError("missing numStreams.OS");
        }
        JsonNode mis = member(numStreams, "MIS");
        if (!isNumber(mis)) {
            throw new TypeError("missing numStreams.MIS");
        }
        return new NumSctpStreams(
                JsValues.integer(os, "invalid numStreams.OS"), JsValues.integer(mis, "invalid numStreams.MIS"));
    }

    /** Falsy values of any type pass as absent; a number (0 included) is kept. */
    private static Integer optionalInteger(JsonNode node, String message) {
        if (isTruthy(node) && !isNumber(node)) {
            throw new TypeError(message);
        }
        return isNumber(node) ? JsValues.integer(node, message) : null;
    }
}
