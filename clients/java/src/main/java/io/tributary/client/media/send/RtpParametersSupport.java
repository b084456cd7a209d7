package io.tributary.client.media.send;

import io.tributary.worker.ortc.RtpHeaderExtensionParameters;
import io.tributary.worker.rtp.RtpExtensionIds;
import java.util.ArrayList;
import java.util.List;

/** The header extension part of a publication's RTP parameters: exactly the extensions its packets carry. */
final class RtpParametersSupport {

    private RtpParametersSupport() {
    }

    static List<RtpHeaderExtensionParameters> headerExtensions(HeaderExtensionIds ids, boolean withRids) {
        List<RtpHeaderExtensionParameters> list = new ArrayList<>();
        add(list, RtpExtensionIds.URI_MID, ids.mid());
        if (withRids) {
            add(list, RtpExtensionIds.URI_RID, ids.rid());
            add(list, RtpExtensionIds.URI_REPAIRED_RID, ids.repairedRid());
        }
        add(list, RtpExtensionIds.URI_ABS_SEND_TIME, ids.absSendTime());
        add(list, RtpExtensionIds.URI_TRANSPORT_WIDE_CC, ids.transportWideCc());
        return list;
    }

    private static void add(List<RtpHeaderExtensionParameters> list, String uri, int id) {
        if (id > 0) {
            list.add(RtpHeaderExtensionParameters.of(uri, id));
        }
    }
}
