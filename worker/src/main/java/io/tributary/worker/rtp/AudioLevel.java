package io.tributary.worker.rtp;

/** ssrc-audio-level byte (RFC 6464): voice activity flag and level in -dBov (0 loudest, 127 silence). */
public final class AudioLevel {

    private AudioLevel() {
    }

    public static boolean voice(int raw) {
        return (raw & 0x80) != 0;
    }

    /** Level in -dBov, 0..127. */
    public static int level(int raw) {
        return raw & 0x7F;
    }

    public static int encode(boolean voice, int level) {
        return (voice ? 0x80 : 0) | (Math.min(Math.max(level, 0), 127));
    }
}
