package io.tributary.client.media;

import io.tributary.client.media.ice.IceTimings;
import io.tributary.worker.dtls.DtlsCertificate;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.srtp.SrtpProfile;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link MediaPeer} connects and reports.
 *
 * @param bindIp                 local address of the UDP socket or TCP connection (loopback)
 * @param dtlsRole               client (as a browser facing mediasoup) or server
 * @param certificate            our DTLS identity; null generates one per peer (many peers may share one)
 * @param senderReportInterval   SR + SDES per sent stream this often
 * @param receiverReportInterval RR for all received streams this often
 * @param rtcpSsrc               sender SSRC of our RR, NACK, PLI and FIR
 * @param srtpProfiles           SRTP profiles our DTLS offers (client) or accepts (server), preferred first
 */
public record PeerOptions(String bindIp, DtlsRole dtlsRole, DtlsCertificate certificate, IceTimings ice,
                          Duration dtlsTimeout, Duration tcpConnectTimeout, Duration senderReportInterval,
                          Duration receiverReportInterval, String cname, long rtcpSsrc,
                          List<SrtpProfile> srtpProfiles) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public PeerOptions {
        srtpProfiles = List.copyOf(srtpProfiles);
        if (dtlsRole != DtlsRole.CLIENT && dtlsRole != DtlsRole.SERVER) {
            throw new IllegalArgumentException("dtlsRole must be client or server");
        }
        if (dtlsTimeout.toMillis() < 1 || tcpConnectTimeout.toMillis() < 1 || senderReportInterval.toMillis() < 1
                || receiverReportInterval.toMillis() < 1 || rtcpSsrc <= 0 || rtcpSsrc > 0xFFFF_FFFFL
                || srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("invalid peer options " + this);
        }
    }

    /**
     * Loopback, DTLS client offering every SRTP profile, default ICE timings, 10 s DTLS timeout, SR
     * and RR every second.
     */
    public static PeerOptions defaults() {
        return new PeerOptions("127.0.0.1", DtlsRole.CLIENT, null, IceTimings.defaults(), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1),
                "peer-" + Integer.toHexString(RANDOM.nextInt()), 1 + (RANDOM.nextInt() & 0x7FFF_FFFFL),
                SrtpProfile.DTLS_PREFERENCE);
    }

    public PeerOptions withDtlsRole(DtlsRole role) {
        return new PeerOptions(bindIp, role, certificate, ice, dtlsTimeout, tcpConnectTimeout, senderReportInterval,
                receiverReportInterval, cname, rtcpSsrc, srtpProfiles);
    }

    public PeerOptions withCertificate(DtlsCertificate shared) {
        return new PeerOptions(bindIp, dtlsRole, shared, ice, dtlsTimeout, tcpConnectTimeout, senderReportInterval,
                receiverReportInterval, cname, rtcpSsrc, srtpProfiles);
    }

    public PeerOptions withIce(IceTimings timings) {
        return new PeerOptions(bindIp, dtlsRole, certificate, timings, dtlsTimeout, tcpConnectTimeout,
                senderReportInterval, receiverReportInterval, cname, rtcpSsrc, srtpProfiles);
    }

    public PeerOptions withDtlsTimeout(Duration timeout) {
        return new PeerOptions(bindIp, dtlsRole, certificate, ice, timeout, tcpConnectTimeout, senderReportInterval,
                receiverReportInterval, cname, rtcpSsrc, srtpProfiles);
    }

    public PeerOptions withReportIntervals(Duration senderReports, Duration receiverReports) {
        return new PeerOptions(bindIp, dtlsRole, certificate, ice, dtlsTimeout, tcpConnectTimeout, senderReports,
                receiverReports, cname, rtcpSsrc, srtpProfiles);
    }

    public PeerOptions withCname(String name) {
        return new PeerOptions(bindIp, dtlsRole, certificate, ice, dtlsTimeout, tcpConnectTimeout,
                senderReportInterval, receiverReportInterval, name, rtcpSsrc, srtpProfiles);
    }

    /** Offers (or accepts) only these SRTP profiles, e.g. to measure one cipher suite. */
    public PeerOptions withSrtpProfiles(List<SrtpProfile> profiles) {
        return new PeerOptions(bindIp, dtlsRole, certificate, ice, dtlsTimeout, tcpConnectTimeout,
                senderReportInterval, receiverReportInterval, cname, rtcpSsrc, profiles);
    }
}
