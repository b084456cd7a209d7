package io.tributary.worker.dtls;

import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.srtp.SrtpProfile;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * State and rules shared by the server and client peers of one handshake: WebRTC's mutual
 * certificate authentication by fingerprint, use_srtp negotiation and the SRTP key export.
 * Written by the handshake thread, read by it once the handshake returns.
 */
final class DtlsHandshake {

    static final int[] ECDSA_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };
    static final int[] RSA_SUITES = {
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    };

    final DtlsRole role;
    final DtlsCertificate certificate;
    final BcTlsCrypto crypto;
    final int timeoutMillis;
    private final List<DtlsFingerprint> remoteFingerprints;
    private final List<SrtpProfile> profiles;

    private SrtpProfile profile;
    private byte[] keyingMaterial;
    private byte[] remoteCertificateDer;
    private DtlsFingerprint matchedFingerprint;
    private volatile boolean closeNotifyReceived;

    DtlsHandshake(DtlsRole role, DtlsCertificate certificate, List<DtlsFingerprint> remoteFingerprints,
            List<SrtpProfile> profiles, BcTlsCrypto crypto, int timeoutMillis) {
        this.role = role;
        this.certificate = certificate;
        this.remoteFingerprints = remoteFingerprints;
        this.profiles = profiles;
        this.crypto = crypto;
        this.timeoutMillis = timeoutMillis;
    }

    /** Our certificate and key as TLS credentials, signing with SHA-256. */
    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        TlsCertificate tlsCertificate = crypto.createCertificate(certificate.der());
        short signature = certificate.isEc() ? SignatureAlgorithm.ecdsa : SignatureAlgorithm.rsa;
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
                new Certificate(new TlsCertificate[] {tlsCertificate}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, signature));
    }

    /** A server can only use suites matching its key type (else BouncyCastle fails with internal_error). */
    int[] serverCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, certificate.isEc() ? ECDSA_SUITES : RSA_SUITES);
    }

    /** A client accepts either kind of server certificate, but lists its own key type first. */
    int[] clientCipherSuites() {
        int[] own = certificate.isEc() ? ECDSA_SUITES : RSA_SUITES;
        int[] other = certificate.isEc() ? RSA_SUITES : ECDSA_SUITES;
        int[] all = new int[own.length + other.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(other, 0, all, own.length, other.length);
        return TlsUtils.getSupportedCipherSuites(crypto, all);
    }

    /**
     * RFC 8122 §5: use the strongest algorithm among the remote fingerprints and accept the peer's
     * certificate if it matches one fingerprint of that algorithm.
     */
    void verifyPeerCertificate(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer sent no certificate");
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        int strongest = -1;
        for (DtlsFingerprint fingerprint : remoteFingerprints) {
            strongest = Math.max(strongest, Fingerprints.strength(fingerprint));
        }
        for (DtlsFingerprint fingerprint : remoteFingerprints) {
            if (Fingerprints.strength(fingerprint) == strongest && Fingerprints.matches(fingerprint, der)) {
                remoteCertificateDer = der;
                matchedFingerprint = fingerprint;
                return;
            }
        }
        throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer certificate fingerprint mismatch");
    }

    /** Our profiles in preference order, for the client's use_srtp offer. */
    UseSRTPData offer() {
        int[] ids = profiles.stream().mapToInt(SrtpProfile::dtlsProfileId).toArray();
        return new UseSRTPData(ids, TlsUtils.EMPTY_BYTES);
    }

    /** Server side: pick our most preferred profile the client offered (OpenSSL's, hence mediasoup's, rule). */
    void selectProfile(UseSRTPData offered) throws IOException {
        if (offered != null) {
            for (SrtpProfile candidate : profiles) {
                for (int id : offered.getProtectionProfiles()) {
                    if (id == candidate.dtlsProfileId()) {
                        profile = candidate;
                        return;
                    }
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    /** Client side: the server must have chosen exactly one profile from our offer, without MKI. */
    void acceptProfile(UseSRTPData chosen) throws IOException {
        if (chosen == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "server did not negotiate use_srtp");
        }
        int[] ids = chosen.getProtectionProfiles();
        SrtpProfile selected = ids.length == 1 ? SrtpProfile.fromDtlsProfileId(ids[0]) : null;
        if (selected == null || !profiles.contains(selected) || chosen.getMki().length != 0) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "invalid use_srtp selection");
        }
        profile = selected;
    }

    UseSRTPData selection() {
        return new UseSRTPData(new int[] {profile.dtlsProfileId()}, TlsUtils.EMPTY_BYTES);
    }

    /** Called from notifyHandshakeComplete, while the exporter is available. */
    void exportKeys(TlsContext context) {
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
    }

    void alertReceived(short description) {
        if (description == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    DtlsHandshakeResult result() {
        return DtlsHandshakeResult.fromKeyingMaterial(role, profile, keyingMaterial, remoteCertificateDer,
                matchedFingerprint);
    }
}
