package io.tributary.client.media.rtcp;

import java.util.List;
import java.util.Map;

/**
 * RTCP the peer received from the SFU. Per-SSRC maps are keyed by the media SSRC the feedback is
 * about (for FIR: each entry's target).
 *
 * @param compounds      SRTCP packets that decrypted
 * @param undecryptable  SRTCP packets that failed authentication or decryption
 * @param malformed      compounds whose walk stopped at a bad packet
 * @param pliArrivalMillis arrival times (epoch ms) of the most recent PLIs per SSRC, oldest first
 */
public record RtcpStats(
        long compounds,
        long undecryptable,
        long malformed,
        long senderReports,
        long receiverReports,
        long reportBlocks,
        long sdes,
        long byes,
        long nacks,
        long nackedSequenceNumbers,
        long plis,
        long firs,
        long rembs,
        long lastRembBitrate,
        long transportCcFeedbacks,
        long otherPackets,
        Map<Long, Long> nacksBySsrc,
        Map<Long, Long> plisBySsrc,
        Map<Long, Long> firsBySsrc,
        Map<Long, List<Long>> pliArrivalMillis) {

    public long plis(long ssrc) {
        return plisBySsrc.getOrDefault(ssrc, 0L);
    }

    public long firs(long ssrc) {
        return firsBySsrc.getOrDefault(ssrc, 0L);
    }

    public long nacks(long ssrc) {
        return nacksBySsrc.getOrDefault(ssrc, 0L);
    }

    /** The largest number of PLIs for {@code ssrc} that arrived within any window of {@code windowMillis}. */
    public int maxPlisWithin(long ssrc, long windowMillis) {
        List<Long> times = pliArrivalMillis.getOrDefault(ssrc, List.of());
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= windowMillis) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }
}
