package io.tributary.worker.transport;

import io.netty.util.collection.IntObjectHashMap;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpParameters;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.RtpPacket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the producer of an incoming RTP packet, as mediasoup's RtpListener: by SSRC first, then by the
 * MID header extension, then by RID. A MID or RID hit records the SSRC, so later packets of that
 * stream take the allocation-free SSRC path.
 */
public final class RtpListener {

    private final IntObjectHashMap<Producer> ssrcTable = new IntObjectHashMap<>();
    private final Map<String, Producer> midTable = new HashMap<>();
    private final Map<String, Producer> ridTable = new HashMap<>();
    private final byte[] scratch = new byte[256];

    /** Registers a producer's SSRCs, MID and RIDs; a clash with another producer is mediasoup's Error. */
    public void addProducer(Producer producer) {
        RtpParameters params = producer.rtpParameters();
        for (RtpEncodingParameters encoding : params.encodingsOrEmpty()) {
            if (encoding.ssrc() != null && ssrcTable.containsKey(encoding.ssrc().intValue())) {
                throw new MediasoupError("ssrc already exists in RTP listener [ssrc:" + encoding.ssrc() + "]");
            }
            if (encoding.rtx() != null && ssrcTable.containsKey((int) encoding.rtx().ssrc())) {
                throw new MediasoupError("RTX ssrc already exists in RTP listener [ssrc:" + encoding.rtx().ssrc() + "]");
            }
            if (encoding.rid() != null && params.mid() == null && ridTable.containsKey(encoding.rid())) {
                throw new MediasoupError("RID already exists in RTP listener and no MID is given [rid:" + encoding.rid() + "]");
            }
        }
        if (params.mid() != null && midTable.containsKey(params.mid())) {
            throw new MediasoupError("MID already exists in RTP listener [mid:" + params.mid() + "]");
        }
        for (RtpEncodingParameters encoding : params.encodingsOrEmpty()) {
            if (encoding.ssrc() != null) {
                ssrcTable.put(encoding.ssrc().intValue(), producer);
            }
            if (encoding.rtx() != null) {
                ssrcTable.put((int) encoding.rtx().ssrc(), producer);
            }
            if (encoding.rid() != null && params.mid() == null) {
                ridTable.put(encoding.rid(), producer);
            }
        }
        if (params.mid() != null) {
            midTable.put(params.mid(), producer);
        }
    }

    public void removeProducer(Producer producer) {
        ssrcTable.values().removeIf(p -> p == producer);
        midTable.values().removeIf(p -> p == producer);
        ridTable.values().removeIf(p -> p == producer);
    }

    /**
     * The producer of {@code packet}, or null. {@code midId}/{@code ridId}/{@code rridId} are this
     * transport's header-extension ids for MID, RID and repaired RID (0 when unknown).
     */
    public Producer find(RtpPacket packet, int midId, int ridId, int rridId) {
        Producer producer = ssrcTable.get(packet.ssrc());
        if (producer != null) {
            return producer;
        }
        if (midId != 0) {
            String mid = readExtension(packet, midId);
            if (mid != null) {
                producer = midTable.get(mid);
                if (producer != null) {
                    ssrcTable.put(packet.ssrc(), producer);
                    return producer;
                }
            }
        }
        producer = findByRid(packet, ridId);
        return producer != null ? producer : findByRid(packet, rridId);
    }

    private Producer findByRid(RtpPacket packet, int id) {
        String rid = id != 0 ? readExtension(packet, id) : null;
        Producer producer = rid != null ? ridTable.get(rid) : null;
        if (producer != null) {
            ssrcTable.put(packet.ssrc(), producer);
        }
        return producer;
    }

    /** The producer whose SSRC (media or RTX) this is, or null: for incoming SRs. */
    public Producer producerBySsrc(int ssrc) {
        return ssrcTable.get(ssrc);
    }

    /** A string-valued extension (MID, RID) of the packet, or null. Only on a stream's first packets. */
    public String readExtension(RtpPacket packet, int id) {
        int len = packet.copyExtension(id, scratch, 0);
        return len > 0 ? new String(scratch, 0, len, StandardCharsets.US_ASCII) : null;
    }

    /** mediasoup's dump shape: {ssrcTable, midTable, ridTable} as id -> producer id maps. */
    public Map<String, Object> dump() {
        Map<String, Object> dump = new LinkedHashMap<>();
        Map<String, String> ssrcs = new LinkedHashMap<>();
        ssrcTable.forEach((ssrc, producer) -> ssrcs.put(Long.toString(ssrc & 0xffffffffL), producer.id()));
        Map<String, String> mids = new LinkedHashMap<>();
        midTable.forEach((mid, producer) -> mids.put(mid, producer.id()));
        Map<String, String> rids = new LinkedHashMap<>();
        ridTable.forEach((rid, producer) -> rids.put(rid, producer.id()));
        dump.put("ssrcTable", ssrcs);
        dump.put("midTable", mids);
        dump.put("ridTable", rids);
        return dump;
    }
}
