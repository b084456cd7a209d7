package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.H264ProfileLevelId.Level.L1;
import static io.tributary.worker.ortc.H264ProfileLevelId.Level.L1_1;
import static io.tributary.worker.ortc.H264ProfileLevelId.Level.L1_B;
import static io.tributary.worker.ortc.H264ProfileLevelId.Level.L3_1;
import static io.tributary.worker.ortc.Json.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.H264ProfileLevelId.Level;
import io.tributary.worker.ortc.H264ProfileLevelId.Profile;
import io.tributary.worker.ortc.H264ProfileLevelId.ProfileLevel;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class H264ProfileLevelIdTest {

    @ParameterizedTest(name = "{0} = {1} {2}")
    @CsvSource({
        "42e01f, CONSTRAINED_BASELINE, L3_1",
        "42e00b, CONSTRAINED_BASELINE, L1_1",
        "42f00b, CONSTRAINED_BASELINE, L1_B",
        "42C02A, CONSTRAINED_BASELINE, L4_2",
        "4de01f, CONSTRAINED_BASELINE, L3_1",
        "58f01f, CONSTRAINED_BASELINE, L3_1",
        "42a01f, BASELINE, L3_1",
        "58A01F, BASELINE, L3_1",
        "42100b, BASELINE, L1_B",
        "4D401f, MAIN, L3_1",
        "4d0032, MAIN, L5",
        "4d100b, MAIN, L1_B",
        "64001f, HIGH, L3_1",
        "640c1f, CONSTRAINED_HIGH, L3_1",
        "f40034, PREDICTIVE_HIGH_444, L5_2",
        "42e00a, CONSTRAINED_BASELINE, L1",
    })
    void parsesRecognizedProfileLevelIds(String id, Profile profile, Level level) {
        assertEquals(Optional.of(new ProfileLevel(profile, level)), H264ProfileLevelId.parse(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "e01f", "42e01fe", "CHICKEN", "000000", "42e0ff", "42e000", "5a001f", "64e01f", "42e01z", "0x42e0",
        "zz001f", "4d2032"})
    void rejectsUnrecognizedOrMalformedIds(String id) {
        assertEquals(Optional.empty(), H264ProfileLevelId.parse(id));
    }

    @Test
    void parseIntQuirksFollowJavaScript() {
        // parseInt('42e01z', 16) stops at 'z': 0x42e01, whose level byte 0x01 is unknown.
        assertEquals(Optional.empty(), H264ProfileLevelId.parse("42e01z"));
        // A leading '+' is accepted by parseInt; the remaining 5 digits are 0x42e0b (level 11).
        assertEquals(Optional.empty(), H264ProfileLevelId.parse("+42e0b"));
        assertEquals(Optional.of(new ProfileLevel(Profile.MAIN, L3_1)), H264ProfileLevelId.parse("4d001F"));
        assertEquals(Optional.empty(), H264ProfileLevelId.parse(4_200_10));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "CONSTRAINED_BASELINE, L3_1, 42e01f",
        "BASELINE, L1, 42000a",
        "MAIN, L5_2, 4d0034",
        "CONSTRAINED_HIGH, L4_2, 640c2a",
        "HIGH, L1_1, 64000b",
        "PREDICTIVE_HIGH_444, L3_1, f4001f",
        "CONSTRAINED_BASELINE, L1_B, 42f00b",
        "BASELINE, L1_B, 42100b",
        "MAIN, L1_B, 4d100b",
    })
    void printsCanonicalStrings(Profile profile, Level level, String expected) {
        assertEquals(Optional.of(expected), H264ProfileLevelId.toString(new ProfileLevel(profile, level)));
    }

    @Test
    void level1bOnlyExistsForBaselineAndMainProfiles() {
        assertEquals(Optional.empty(), H264ProfileLevelId.toString(new ProfileLevel(Profile.HIGH, L1_B)));
    }

    @Test
    void level1bSortsBetween1And11() {
        assertTrue(L1_B.isLessThan(L1_1));
        assertFalse(L1_B.isLessThan(L1));
        assertFalse(L1.isLessThan(L1_B));
        assertTrue(L1_1.isLessThan(Level.L2));
        assertFalse(Level.L5.isLessThan(Level.L4_2));
    }

    @Test
    void missingProfileLevelIdMeansConstrainedBaseline31() {
        assertEquals(Optional.of(new ProfileLevel(Profile.CONSTRAINED_BASELINE, L3_1)),
                H264ProfileLevelId.parseSdp(ParameterMap.EMPTY));
        assertEquals(Optional.of(new ProfileLevel(Profile.CONSTRAINED_BASELINE, L3_1)),
                H264ProfileLevelId.parseSdp(ParameterMap.of("profile-level-id", "")));
        assertEquals(Optional.empty(), H264ProfileLevelId.parseSdp(ParameterMap.of("profile-level-id", "xyz")));
    }

    @Test
    void sameProfileIgnoresLevels() {
        assertTrue(H264ProfileLevelId.isSameProfile(plid("42e01f"), plid("42e034")));
        assertTrue(H264ProfileLevelId.isSameProfile(ParameterMap.EMPTY, plid("42e00a")));
        assertTrue(H264ProfileLevelId.isSameProfile(plid("4de01f"), plid("42e01f")));
        assertFalse(H264ProfileLevelId.isSameProfile(plid("42001f"), plid("42e01f")));
        assertFalse(H264ProfileLevelId.isSameProfile(plid("CHICKEN"), plid("42e01f")));
        assertFalse(H264ProfileLevelId.isSameProfile(plid("64001f"), plid("640c1f")));
    }

    @Test
    void answerNeedsAtLeastOneProfileLevelId() {
        assertEquals(Optional.empty(),
                H264ProfileLevelId.generateProfileLevelIdStringForAnswer(ParameterMap.EMPTY, ParameterMap.EMPTY));
        assertEquals(Optional.of("42e01f"),
                H264ProfileLevelId.generateProfileLevelIdStringForAnswer(ParameterMap.EMPTY, plid("42e034")));
    }

    @Test
    void answerLevelIsTheLowerOneUnlessBothAllowAsymmetry() {
        ParameterMap local = plid("42e034");
        ParameterMap remote = plid("42e015");
        assertEquals(Optional.of("42e015"), H264ProfileLevelId.generateProfileLevelIdStringForAnswer(local, remote));
        assertEquals(Optional.of("42e015"), H264ProfileLevelId.generateProfileLevelIdStringForAnswer(
                local.with("level-asymmetry-allowed", 1), remote));
        assertEquals(Optional.of("42e034"), H264ProfileLevelId.generateProfileLevelIdStringForAnswer(
                local.with("level-asymmetry-allowed", 1), remote.with("level-asymmetry-allowed", "1")));
        assertEquals(Optional.of("42e015"), H264ProfileLevelId.generateProfileLevelIdStringForAnswer(
                local.with("level-asymmetry-allowed", 1), remote.with("level-asymmetry-allowed", 2)));
        assertEquals(Optional.of("42f00b"),
                H264ProfileLevelId.generateProfileLevelIdStringForAnswer(plid("42f00b"), plid("42e01f")));
    }

    @Test
    void unanswerableCombinationsThrowTypeError() {
        assertError(TypeError.class, "invalid local_profile_level_id", () ->
                H264ProfileLevelId.generateProfileLevelIdStringForAnswer(plid("CHICKEN"), plid("42e01f")));
        assertError(TypeError.class, "invalid remote_profile_level_id", () ->
                H264ProfileLevelId.generateProfileLevelIdStringForAnswer(plid("42e01f"), plid("42e0ff")));
        assertError(TypeError.class, "H264 Profile mismatch", () ->
                H264ProfileLevelId.generateProfileLevelIdStringForAnswer(plid("4d001f"), plid("42e01f")));
    }

    private static ParameterMap plid(String value) {
        return ParameterMap.of("profile-level-id", value);
    }
}
