package io.tributary.worker.dtls;

import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.srtp.SrtpMasterKey;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.srtp.SrtpSession;

/**
 * What a completed DTLS-SRTP handshake yields: the negotiated profile, the exported master keys
 * already split by direction for the local role (RFC 5764 §4.2), and the verified peer certificate.
 */
public record DtlsHandshakeResult(
        DtlsRole localRole,
        SrtpProfile profile,
        SrtpMasterKey localMasterKey,
        SrtpMasterKey remoteMasterKey,
        String remoteCertificatePem,
        DtlsFingerprint remoteFingerprint) {

    /**
     * Splits exporter output laid out as client key | server key | client salt | server salt.
     */
    static DtlsHandshakeResult fromKeyingMaterial(DtlsRole localRole, SrtpProfile profile, byte[] material,
            byte[] remoteCertificateDer, DtlsFingerprint remoteFingerprint) {
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        SrtpMasterKey client = new SrtpMasterKey(slice(material, 0, keyLength),
                slice(material, 2 * keyLength, saltLength));
        SrtpMasterKey server = new SrtpMasterKey(slice(material, keyLength, keyLength),
                slice(material, 2 * keyLength + saltLength, saltLength));
        boolean isClient = localRole == DtlsRole.CLIENT;
        return new DtlsHandshakeResult(localRole, profile, isClient ? client : server, isClient ? server : client,
                DtlsCertificate.toPem(remoteCertificateDer), remoteFingerprint);
    }

    /** An SRTP session protecting with the local key and unprotecting with the remote one. */
    public SrtpSession newSrtpSession() {
        return new SrtpSession(profile, localMasterKey, remoteMasterKey);
    }

    private static byte[] slice(byte[] source, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(source, from, out, 0, length);
        return out;
    }
}
