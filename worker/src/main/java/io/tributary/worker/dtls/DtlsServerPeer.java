package io.tributary.worker.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;

/** BouncyCastle server side of a WebRTC DTLS 1.2 handshake: requires a client certificate and use_srtp. */
final class DtlsServerPeer extends DefaultTlsServer {

    private final DtlsHandshake handshake;

    DtlsServerPeer(DtlsHandshake handshake) {
        super(handshake.crypto);
        this.handshake = handshake;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return handshake.serverCipherSuites();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return handshake.signer(context);
    }

    @Override
    protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
        return handshake.signer(context);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshake.timeoutMillis;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        Vector<?> signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(types, signatureAlgorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        handshake.verifyPeerCertificate(clientCertificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        handshake.selectProfile(TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, handshake.selection());
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        handshake.exportKeys(context);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        handshake.alertReceived(alertDescription);
    }
}
