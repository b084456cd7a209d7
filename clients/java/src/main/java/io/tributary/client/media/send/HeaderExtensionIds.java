package io.tributary.client.media.send;

import io.tributary.worker.rtp.RtpExtensionIds;

/**
 * Header extension ids a sender writes; 0 leaves that extension out. One-byte form, so ids are 1..14.
 *
 * @param repairedRid written on RTX packets of an encoding that has a RID (RFC 8852)
 */
public record HeaderExtensionIds(int mid, int rid, int repairedRid, int absSendTime, int transportWideCc) {

    public HeaderExtensionIds {
        for (int id : new int[] {mid, rid, repairedRid, absSendTime, transportWideCc}) {
            if (id < 0 || id > 14) {
                throw new IllegalArgumentException("header extension ids must be 0 (absent) or 1..14, got " + id);
            }
        }
    }

    /** The router's own ids (mediasoup's preferred ids), as a browser negotiating with it ends up using. */
    public static HeaderExtensionIds defaults() {
        return new HeaderExtensionIds(RtpExtensionIds.MID, RtpExtensionIds.RID, RtpExtensionIds.REPAIRED_RID,
                RtpExtensionIds.ABS_SEND_TIME, RtpExtensionIds.TRANSPORT_WIDE_CC);
    }

    public static HeaderExtensionIds none() {
        return new HeaderExtensionIds(0, 0, 0, 0, 0);
    }

    public HeaderExtensionIds withoutTransportWideCc() {
        return new HeaderExtensionIds(mid, rid, repairedRid, absSendTime, 0);
    }
}
