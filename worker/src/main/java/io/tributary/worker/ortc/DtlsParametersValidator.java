package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.JsValues.isAbsent;
import static io.tributary.worker.ortc.JsValues.isArrayNode;
import static io.tributary.worker.ortc.JsValues.isString;
import static io.tributary.worker.ortc.JsValues.member;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.TypeError;
import java.util.ArrayList;
import java.util.List;

/**
 * Remote {@code dtlsParameters} of {@code webRtcTransport.connect()}. The role and algorithm
 * messages are mediasoup's; the structural ones are ours, where mediasoup would crash or defer
 * to the worker.
 */
final class DtlsParametersValidator {

    private DtlsParametersValidator() {}

    static DtlsParameters validate(JsonNode params) {
        JsValues.requireObject(params, "missing dtlsParameters");
        JsonNode fingerprints = member(params, "fingerprints");
        if (!isArrayNode(fingerprints)) {
            throw new TypeError("missing dtlsParameters.fingerprints");
        }
        List<DtlsFingerprint> valid = new ArrayList<>();
        for (JsonNode fingerprint : fingerprints) {
            valid.add(validateFingerprint(fingerprint));
        }
        if (valid.isEmpty()) {
            throw new TypeError("empty dtlsParameters.fingerprints array");
        }
        return new DtlsParameters(role(member(params, "role")), valid);
    }

    private static DtlsFingerprint validateFingerprint(JsonNode fingerprint) {
        JsValues.requireObject(fingerprint, "fingerprint is not an object");
        JsonNode algorithm = member(fingerprint, "algorithm");
        FingerprintAlgorithm parsed = JsValues.string(algorithm)
                .flatMap(FingerprintAlgorithm::find)
                .orElseThrow(() -> new TypeError("invalid FingerprintAlgorithm: " + JsValues.toJsString(algorithm)));
        JsonNode value = member(fingerprint, "value");
        if (!isString(value)) {
            throw new TypeError("missing fingerprint.value");
        }
        return new DtlsFingerprint(parsed, value.textValue());
    }

    /** An absent role stays absent (the worker then treats it as 'auto'). */
    private static DtlsRole role(JsonNode role) {
        if (isAbsent(role)) {
            return null;
        }
        return JsValues.string(role)
                .flatMap(DtlsRole::find)
                .orElseThrow(() -> new TypeError("invalid DtlsRole: " + JsValues.toJsString(role)));
    }
}
