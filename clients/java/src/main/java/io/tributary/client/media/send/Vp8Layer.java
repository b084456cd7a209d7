package io.tributary.client.media.send;

/**
 * One VP8 encoding: its SSRCs, optional RID, the resolution its key frames announce and its bitrate.
 *
 * @param rtxSsrc 0 without RTX
 * @param rid     null without simulcast RIDs
 */
public record Vp8Layer(long ssrc, long rtxSsrc, String rid, int width, int height, int bitrateBps) {

    public Vp8Layer {
        if (ssrc <= 0 || ssrc > 0xFFFF_FFFFL || rtxSsrc < 0 || rtxSsrc > 0xFFFF_FFFFL || width < 1
                || width > 0x3FFF || height < 1 || height > 0x3FFF || bitrateBps < 8_000) {
            throw new IllegalArgumentException("invalid VP8 layer " + this);
        }
    }
}
