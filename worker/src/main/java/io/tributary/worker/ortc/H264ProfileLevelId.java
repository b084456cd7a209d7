package io.tributary.worker.ortc;

import io.tributary.worker.errors.TypeError;
import java.util.Optional;

/**
 * H.264 {@code profile-level-id} negotiation (RFC 6184 §8.1), with the behaviour of the
 * {@code h264-profile-level-id} 2.0.0 package mediasoup 3.14 uses: same profiles, same level
 * answer rules, same corner cases (JavaScript {@code parseInt} included).
 */
final class H264ProfileLevelId {

    enum Profile {
        CONSTRAINED_BASELINE,
        BASELINE,
        MAIN,
        CONSTRAINED_HIGH,
        HIGH,
        PREDICTIVE_HIGH_444
    }

    /** Levels by level_idc; level 1b has no idc of its own and sorts between 1 and 1.1. */
    enum Level {
        L1_B(0), L1(10), L1_1(11), L1_2(12), L1_3(13), L2(20), L2_1(21), L2_2(22), L3(30), L3_1(31), L3_2(32),
        L4(40), L4_1(41), L4_2(42), L5(50), L5_1(51), L5_2(52);

        final int idc;

        Level(int idc) {
            this.idc = idc;
        }

        static Optional<Level> ofIdc(int idc) {
            for (Level level : values()) {
                if (level != L1_B && level.idc == idc) {
                    return Optional.of(level);
                }
            }
            return Optional.empty();
        }

        boolean isLessThan(Level other) {
            if (this == L1_B) {
                return other != L1 && other != L1_B;
            }
            if (other == L1_B) {
                return this != L1;
            }
            return idc < other.idc;
        }
    }

    record ProfileLevel(Profile profile, Level level) {}

    /** profile_idc plus a profile_iop bit pattern where 'x' bits are free. */
    private record ProfilePattern(int profileIdc, int mask, int maskedValue, Profile profile) {
        static ProfilePattern of(int profileIdc, String iopBits, Profile profile) {
            int mask = 0;
            int value = 0;
            for (int i = 0; i < 8; i++) {
                char bit = iopBits.charAt(i);
                mask = (mask << 1) | (bit == 'x' ? 0 : 1);
                value = (value << 1) | (bit == '1' ? 1 : 0);
            }
            return new ProfilePattern(profileIdc, mask, value, profile);
        }

        boolean matches(int idc, int iop) {
            return idc == profileIdc && (iop & mask) == maskedValue;
        }
    }

    private static final ProfilePattern[] PATTERNS = {
        ProfilePattern.of(0x42, "x1xx0000", Profile.CONSTRAINED_BASELINE),
        ProfilePattern.of(0x4D, "1xxx0000", Profile.CONSTRAINED_BASELINE),
        ProfilePattern.of(0x58, "11xx0000", Profile.CONSTRAINED_BASELINE),
        ProfilePattern.of(0x42, "x0xx0000", Profile.BASELINE),
        ProfilePattern.of(0x58, "10xx0000", Profile.BASELINE),
        ProfilePattern.of(0x4D, "0x0x0000", Profile.MAIN),
        ProfilePattern.of(0x64, "00000000", Profile.HIGH),
        ProfilePattern.of(0x64, "00001100", Profile.CONSTRAINED_HIGH),
        ProfilePattern.of(0xF4, "00000000", Profile.PREDICTIVE_HIGH_444),
    };

    /** Used when the parameters carry no profile-level-id (WebRTC's backwards-compatible choice). */
    private static final ProfileLevel DEFAULT = new ProfileLevel(Profile.CONSTRAINED_BASELINE, Level.L3_1);

    private static final int CONSTRAINT_SET3_FLAG = 0x10;

    private static final String PARAM = "profile-level-id";

    private H264ProfileLevelId() {}

    /** Parses a 6-character hex profile-level-id; empty when it is not a recognized one. */
    static Optional<ProfileLevel> parse(Object profileLevelId) {
        if (!(profileLevelId instanceof String str) || str.length() != 6) {
            return Optional.empty();
        }
        int numeric = JsParseInt.hex(str).orElse(0);
        if (numeric == 0) {
            return Optional.empty();
        }
        int levelIdc = numeric & 0xFF;
        int profileIop = (numeric >> 8) & 0xFF;
        int profileIdc = (numeric >> 16) & 0xFF;
        Optional<Level> level = levelIdc == Level.L1_1.idc
                ? Optional.of((profileIop & CONSTRAINT_SET3_FLAG) != 0 ? Level.L1_B : Level.L1_1)
                : Level.ofIdc(levelIdc);
        if (level.isEmpty()) {
            return Optional.empty();
        }
        for (ProfilePattern pattern : PATTERNS) {
            if (pattern.matches(profileIdc, profileIop)) {
                return Optional.of(new ProfileLevel(pattern.profile(), level.get()));
            }
        }
        return Optional.empty();
    }

    /** Canonical hex string; empty for level 1b with a profile that cannot have it. */
    static Optional<String> toString(ProfileLevel profileLevel) {
        if (profileLevel.level() == Level.L1_B) {
            return switch (profileLevel.profile()) {
                case CONSTRAINED_BASELINE -> Optional.of("42f00b");
                case BASELINE -> Optional.of("42100b");
                case MAIN -> Optional.of("4d100b");
                default -> Optional.empty();
            };
        }
        String profileIdcIop = switch (profileLevel.profile()) {
            case CONSTRAINED_BASELINE -> "42e0";
            case BASELINE -> "4200";
            case MAIN -> "4d00";
            case CONSTRAINED_HIGH -> "640c";
            case HIGH -> "6400";
            case PREDICTIVE_HIGH_444 -> "f400";
        };
        int idc = profileLevel.level().idc;
        return Optional.of(profileIdcIop + (idc < 0x10 ? "0" : "") + Integer.toHexString(idc));
    }

    /** The SDP view: no (falsy) profile-level-id means the default; an unrecognized one means none. */
    static Optional<ProfileLevel> parseSdp(ParameterMap params) {
        Object value = params.get(PARAM);
        return isFalsy(value) ? Optional.of(DEFAULT) : parse(value);
    }

    static boolean isSameProfile(ParameterMap a, ParameterMap b) {
        Optional<ProfileLevel> pa = parseSdp(a);
        Optional<ProfileLevel> pb = parseSdp(b);
        return pa.isPresent() && pb.isPresent() && pa.get().profile() == pb.get().profile();
    }

    /**
     * The profile-level-id to answer with, given the local (answering) and remote (offering)
     * parameters of the same profile; empty when neither names one. Throws TypeError when either
     * is unparsable or the profiles differ.
     */
    static Optional<String> generateProfileLevelIdStringForAnswer(ParameterMap local, ParameterMap remote) {
        if (isFalsy(local.get(PARAM)) && isFalsy(remote.get(PARAM))) {
            return Optional.empty();
        }
        ProfileLevel localPl = parseSdp(local).orElseThrow(() -> new TypeError("invalid local_profile_level_id"));
        ProfileLevel remotePl = parseSdp(remote).orElseThrow(() -> new TypeError("invalid remote_profile_level_id"));
        if (localPl.profile() != remotePl.profile()) {
            throw new TypeError("H264 Profile mismatch");
        }
        boolean asymmetryAllowed = isLevelAsymmetryAllowed(local) && isLevelAsymmetryAllowed(remote);
        Level minLevel = localPl.level().isLessThan(remotePl.level()) ? localPl.level() : remotePl.level();
        Level answerLevel = asymmetryAllowed ? localPl.level() : minLevel;
        return toString(new ProfileLevel(localPl.profile(), answerLevel));
    }

    static boolean isLevelAsymmetryAllowed(ParameterMap params) {
        Object value = params.get("level-asymmetry-allowed");
        return Integer.valueOf(1).equals(value) || "1".equals(value);
    }

    /** JavaScript falsiness of a parameter value (absent, "" or 0). */
    private static boolean isFalsy(Object value) {
        return value == null || "".equals(value) || Integer.valueOf(0).equals(value);
    }

    /** JavaScript's {@code parseInt(str, 16)}, limited to what fits a 6-character string. */
    private static final class JsParseInt {

        static Optional<Integer> hex(String s) {
            int i = 0;
            while (i < s.length() && isJsWhitespace(s.charAt(i))) {
                i++;
            }
            int sign = 1;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                sign = s.charAt(i) == '-' ? -1 : 1;
                i++;
            }
            if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                i += 2;
            }
            int start = i;
            int value = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
                value = value * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            return i == start ? Optional.empty() : Optional.of(sign * value);
        }

        private static boolean isJsWhitespace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u00A0'
                    || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029'
                    || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF';
        }
    }
}
