package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.js;
import static io.tributary.worker.ortc.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SctpAndDtlsValidationTest {

    private static String stream(String literal) {
        return json(Ortc.validateSctpStreamParameters(js(literal)));
    }

    @Test
    void streamsAreOrderedByDefault() {
        assertEquals("{\"streamId\":666,\"ordered\":true}", stream("{streamId: 666}"));
        assertEquals("{\"streamId\":666,\"ordered\":true}", stream("{streamId: 666, ordered: 'no'}"));
        assertEquals("{\"streamId\":666,\"ordered\":false}", stream("{streamId: 666, ordered: false}"));
    }

    @Test
    void partialReliabilityWithoutOrderedMeansUnordered() {
        assertEquals("{\"streamId\":777,\"ordered\":false,\"maxRetransmits\":3}",
                stream("{streamId: 777, maxRetransmits: 3}"));
        assertEquals("{\"streamId\":1,\"ordered\":false,\"maxPacketLifeTime\":4000}",
                stream("{streamId: 1, maxPacketLifeTime: 4000}"));
        assertEquals("{\"streamId\":1,\"ordered\":false,\"maxPacketLifeTime\":5000}",
                stream("{streamId: 1, ordered: false, maxPacketLifeTime: 5000}"));
    }

    @Test
    void zeroLimitsAreKeptButDoNotCountAsGiven() {
        assertEquals("{\"streamId\":1,\"ordered\":false,\"maxPacketLifeTime\":0,\"maxRetransmits\":5}",
                stream("{streamId: 1, maxPacketLifeTime: 0, maxRetransmits: 5}"));
        assertEquals("{\"streamId\":1,\"ordered\":true,\"maxRetransmits\":0}",
                stream("{streamId: 1, ordered: true, maxRetransmits: 0}"));
        assertEquals("{\"streamId\":1,\"ordered\":true}", stream("{streamId: 1, maxPacketLifeTime: ''}"));
    }

    @Test
    void sctpCapabilitiesAndStreamCounts() {
        assertEquals(new SctpCapabilities(new NumSctpStreams(1024, 1024)),
                Ortc.validateSctpCapabilities(js("{numStreams: {OS: 1024, MIS: 1024, extra: 1}}")));
        assertEquals(new NumSctpStreams(2048, 256), Ortc.validateNumSctpStreams(js("{OS: 2048, MIS: 256}")));
    }

    @Test
    void dtlsParametersKeepRoleAndFingerprintOrder() {
        DtlsParameters dtls = Ortc.validateDtlsParameters(js("""
                {role: 'client', fingerprints: [{algorithm: 'sha-1', value: 'AA'}, {algorithm: 'sha-224', value: 'BB'},
                  {algorithm: 'sha-256', value: 'CC'}, {algorithm: 'sha-384', value: 'DD'},
                  {algorithm: 'sha-512', value: 'EE'}]}"""));

        assertEquals(DtlsRole.CLIENT, dtls.role());
        assertEquals("{\"role\":\"client\",\"fingerprints\":[{\"algorithm\":\"sha-1\",\"value\":\"AA\"},"
                + "{\"algorithm\":\"sha-224\",\"value\":\"BB\"},{\"algorithm\":\"sha-256\",\"value\":\"CC\"},"
                + "{\"algorithm\":\"sha-384\",\"value\":\"DD\"},{\"algorithm\":\"sha-512\",\"value\":\"EE\"}]}",
                json(dtls));
    }

    @Test
    void absentDtlsRoleStaysAbsent() {
        DtlsParameters dtls = Ortc.validateDtlsParameters(js("{fingerprints: [{algorithm: 'sha-256', value: 'CC'}]}"));

        assertNull(dtls.role());
        assertEquals("{\"fingerprints\":[{\"algorithm\":\"sha-256\",\"value\":\"CC\"}]}", json(dtls));
        assertEquals(DtlsRole.SERVER, dtls.withRole(DtlsRole.SERVER).role());
    }
}
