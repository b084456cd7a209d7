package io.tributary.worker.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.worker.errors.MediasoupError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Mutates every member of realistic JSON into every wrong shape (and removes it) and runs the
 * result through validation and the algorithms downstream: the only failures allowed are
 * mediasoup errors, never NullPointer, ClassCast or Jackson exceptions.
 */
class ValidationRobustnessTest {

    private static final RtpCapabilities ROUTER = RouterRtpCapabilitiesTest.demoRouterCaps();

    private static final List<JsonNode> WRONG_VALUES = List.of(
            Json.js("null"), Json.js("true"), Json.js("false"), Json.js("0"), Json.js("-1"), Json.js("1.5"),
            Json.js("4294967296"), Json.js("1e400"), Json.js("123456789012345678901234567890"), Json.js("''"),
            Json.js("'x'"), Json.js("'1'"), Json.js("[]"), Json.js("[1]"), Json.js("{}"), Json.js("{a: null}"));

    @Test
    void mutatedProducerParametersFailOnlyWithMediasoupErrors() {
        JsonNode producers = Json.resource("browser-producer-rtp-parameters.json");
        RtpCapabilities device = Ortc.validateRtpCapabilities(Json.resource("chrome-device-rtp-capabilities.json"));
        int runs = 0;
        for (JsonNode producer : producers) {
            runs += mutateEverywhere(producer, json -> {
                RtpParameters params = Ortc.validateRtpParameters(json);
                ProducerRtpMapping mapped = Ortc.getProducerRtpParametersMapping(params, ROUTER);
                for (MediaKind kind : MediaKind.values()) {
                    RtpParameters consumable = Ortc.getConsumableRtpParameters(
                            kind, mapped.rtpParameters(), ROUTER, mapped.rtpMapping());
                    Ortc.canConsume(consumable, device);
                    Ortc.getPipeConsumerRtpParameters(consumable, true);
                    Ortc.getConsumerRtpParameters(consumable, device, false, true);
                    Json.json(consumable);
                }
            });
        }
        assertTrue(runs > 5000, "mutations run: " + runs);
    }

    @Test
    void mutatedCapabilitiesFailOnlyWithMediasoupErrors() {
        JsonNode producers = Json.resource("browser-producer-rtp-parameters.json");
        List<RtpParameters> consumables = new ArrayList<>();
        producers.forEach(producer -> {
            ProducerRtpMapping mapped =
                    Ortc.getProducerRtpParametersMapping(Ortc.validateRtpParameters(producer), ROUTER);
            MediaKind kind = producer.get("mid").asText().equals("0") ? MediaKind.AUDIO : MediaKind.VIDEO;
            consumables.add(Ortc.getConsumableRtpParameters(kind, mapped.rtpParameters(), ROUTER, mapped.rtpMapping()));
        });
        int runs = 0;
        for (String caps : List.of("chrome-device", "firefox-native")) {
            runs += mutateEverywhere(Json.resource(caps + "-rtp-capabilities.json"), json -> {
                RtpCapabilities validated = Ortc.validateRtpCapabilities(json);
                for (RtpParameters consumable : consumables) {
                    if (Ortc.canConsume(consumable, validated)) {
                        Ortc.getConsumerRtpParameters(consumable, validated, false, true);
                    }
                }
                Json.json(validated);
            });
        }
        assertTrue(runs > 5000, "mutations run: " + runs);
    }

    @Test
    void mutatedMediaCodecsFailOnlyWithMediasoupErrors() {
        int runs = mutateEverywhere(Json.resource("demo-media-codecs.json"), Ortc::generateRouterRtpCapabilities);
        assertTrue(runs > 500, "mutations run: " + runs);
    }

    @Test
    void mutatedSctpAndDtlsParametersFailOnlyWithMediasoupErrors() {
        mutateEverywhere(Json.js("{streamId: 3, ordered: false, maxPacketLifeTime: 5000}"),
                Ortc::validateSctpStreamParameters);
        mutateEverywhere(Json.js("{streamId: 3, maxRetransmits: 2}"), Ortc::validateSctpStreamParameters);
        mutateEverywhere(Json.js("{numStreams: {OS: 1024, MIS: 1024}}"), Ortc::validateSctpCapabilities);
        int runs = mutateEverywhere(Json.js("""
                {role: 'client', fingerprints: [{algorithm: 'sha-256', value: 'AB:CD'},
                                                {algorithm: 'sha-512', value: 'EF:01'}]}"""),
                Ortc::validateDtlsParameters);
        assertTrue(runs > 100, "mutations run: " + runs);
    }

    /** Runs the check on the original and on every single-member mutation; returns how many ran. */
    private static int mutateEverywhere(JsonNode original, Consumer<JsonNode> check) {
        List<String> failures = new ArrayList<>();
        int[] runs = {0};
        runGuarded(original, "original", check, failures, runs);
        collectPaths(original, "").forEach(path -> {
            for (JsonNode wrong : WRONG_VALUES) {
                runGuarded(replaced(original, path, wrong), path + " = " + wrong, check, failures, runs);
            }
            if (!path.endsWith("]")) {
                runGuarded(replaced(original, path, null), "without " + path, check, failures, runs);
            }
        });
        assertEquals(List.of(), failures);
        return runs[0];
    }

    private static void runGuarded(
            JsonNode json, String description, Consumer<JsonNode> check, List<String> failures, int[] runs) {
        runs[0]++;
        try {
            check.accept(json);
        } catch (MediasoupError expected) {
            if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
                failures.add(description + ": empty message from " + expected.kind());
            }
        } catch (RuntimeException unexpected) {
            failures.add(description + ": " + unexpected);
        }
    }

    private static List<String> collectPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String path = prefix + "/" + name.replace("~", "~0").replace("/", "~1");
                paths.add(path);
                paths.addAll(collectPaths(node.get(name), path));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String path = prefix + "/" + i + "]";
                paths.add(path);
                paths.addAll(collectPaths(node.get(i), prefix + "/" + i));
            }
        }
        return paths;
    }

    /** A deep copy with the node at the path replaced, or removed when {@code value} is null. */
    private static JsonNode replaced(JsonNode original, String path, JsonNode value) {
        JsonNode copy = original.deepCopy();
        String clean = path.endsWith("]") ? path.substring(0, path.length() - 1) : path;
        int cut = clean.lastIndexOf('/');
        JsonNode parent = copy.at(clean.substring(0, cut));
        String last = clean.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }
}
