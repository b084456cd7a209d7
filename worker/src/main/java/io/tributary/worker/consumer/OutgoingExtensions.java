package io.tributary.worker.consumer;

import io.tributary.worker.rtp.RtpExtensionIds;
import io.tributary.worker.rtp.RtpPacket;

/** Header extensions of a packet leaving through a consumer: only what the remote negotiated, with its MID. */
final class OutgoingExtensions {

    private OutgoingExtensions() {
    }

    /**
     * Blanks extensions the remote did not negotiate (the map sends them to id 0) and writes the
     * consumer's MID when negotiated. Returns the packet's length, which the MID may change.
     */
    static int apply(RtpPacket packet, byte[] idMap, byte[] mid) {
        if (packet.hasExtension()) {
            packet.rewriteExtensionIds(idMap);
        }
        if (mid != null && idMap[RtpExtensionIds.MID] != 0
                && !packet.setExtensionValue(RtpExtensionIds.MID, mid, 0, mid.length)) {
            packet.removeExtension(RtpExtensionIds.MID);
            packet.compactExtensions();
            int at = packet.addExtension(RtpExtensionIds.MID, mid.length);
            if (at >= 0) {
                System.arraycopy(mid, 0, packet.buffer(), at, mid.length);
            }
        }
        return packet.length();
    }
}
