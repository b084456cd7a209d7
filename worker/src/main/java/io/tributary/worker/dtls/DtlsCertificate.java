package io.tributary.worker.dtls;

import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.FingerprintAlgorithm;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The worker's DTLS identity: one certificate and private key shared by all its transports, either
 * generated (ECDSA P-256, self-signed, valid from ten years ago to ten years ahead, as mediasoup)
 * or loaded from PEM files ({@code dtlsCertificateFile}/{@code dtlsPrivateKeyFile}, EC or RSA).
 */
public final class DtlsCertificate {

    /** mediasoup shifts notBefore/notAfter by 315360000 s, i.e. 3650 days. */
    private static final Duration VALIDITY_MARGIN = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final List<DtlsFingerprint> fingerprints;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        List<DtlsFingerprint> list = new ArrayList<>();
        for (FingerprintAlgorithm algorithm : Fingerprints.PUBLISHED_ORDER) {
            list.add(Fingerprints.of(algorithm, der));
        }
        this.fingerprints = List.copyOf(list);
    }

    /** A fresh self-signed ECDSA P-256 certificate signed with SHA256withECDSA. */
    public static DtlsCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keyPair = generator.generateKeyPair();
            // Like mediasoup's "mediasoup" + 6 random digits, used as both O and CN.
            String subject = "tributary" + (100_000 + RANDOM.nextInt(900_000));
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, subject)
                    .addRDN(BCStyle.CN, subject)
                    .build();
            Instant now = Instant.now();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(63, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(VALIDITY_MARGIN)), Date.from(now.plus(VALIDITY_MARGIN)),
                    name, keyPair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
            return new DtlsCertificate(holder.getEncoded(),
                    PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the DTLS certificate", e);
        }
    }

    /** Loads mediasoup's {@code dtlsCertificateFile} and {@code dtlsPrivateKeyFile}. */
    public static DtlsCertificate fromPemFiles(Path certificateFile, Path privateKeyFile) {
        try {
            return fromPem(Files.readString(certificateFile, StandardCharsets.US_ASCII),
                    Files.readString(privateKeyFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new MediasoupError("cannot read DTLS certificate or key file: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a PEM certificate (the first one if it is a chain) and a PEM private key (PKCS#8, SEC1 EC
     * or PKCS#1 RSA, unencrypted); the key must belong to the certificate.
     */
    public static DtlsCertificate fromPem(String certificatePem, String privateKeyPem) {
        try {
            if (!(readPem(certificatePem) instanceof X509CertificateHolder holder)) {
                throw new MediasoupError("no PEM certificate found");
            }
            PrivateKeyInfo keyInfo = privateKeyInfo(readPem(privateKeyPem), holder);
            AsymmetricKeyParameter privateKey = PrivateKeyFactory.createKey(keyInfo);
            AsymmetricKeyParameter publicKey = PublicKeyFactory.createKey(holder.getSubjectPublicKeyInfo());
            if (!keyMatches(privateKey, publicKey)) {
                throw new MediasoupError("DTLS private key does not match the certificate (or is neither EC nor RSA)");
            }
            return new DtlsCertificate(holder.getEncoded(), privateKey);
        } catch (MediasoupError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MediasoupError("invalid DTLS certificate or key PEM: " + e, e);
        }
    }

    private static PrivateKeyInfo privateKeyInfo(Object pem, X509CertificateHolder certificate) throws IOException {
        if (pem instanceof PrivateKeyInfo info) {
            return info;
        }
        if (!(pem instanceof PEMKeyPair pair)) {
            throw new MediasoupError("no unencrypted PEM private key found");
        }
        PrivateKeyInfo info = pair.getPrivateKeyInfo();
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        // A SEC1 key may omit its curve, which the certificate's public key then supplies.
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) && algorithm.getParameters() == null) {
            return new PrivateKeyInfo(certificate.getSubjectPublicKeyInfo().getAlgorithm(), info.parsePrivateKey());
        }
        return info;
    }

    private static Object readPem(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        }
    }

    private static boolean keyMatches(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) {
        if (privateKey instanceof ECPrivateKeyParameters ec && publicKey instanceof ECPublicKeyParameters pub) {
            return ec.getParameters().getG().multiply(ec.getD()).normalize().equals(pub.getQ().normalize());
        }
        if (privateKey instanceof RSAKeyParameters rsa && publicKey instanceof RSAKeyParameters pub) {
            return rsa.isPrivate() && rsa.getModulus().equals(pub.getModulus());
        }
        return false;
    }

    /** sha-1, sha-224, sha-384, sha-512 and sha-256, with sha-256 last for mediasoup-client. */
    public List<DtlsFingerprint> fingerprints() {
        return fingerprints;
    }

    public DtlsFingerprint fingerprint(FingerprintAlgorithm algorithm) {
        for (DtlsFingerprint fingerprint : fingerprints) {
            if (fingerprint.algorithm().equals(algorithm)) {
                return fingerprint;
            }
        }
        throw new IllegalArgumentException("unknown fingerprint algorithm " + algorithm);
    }

    /** The certificate in PEM, as mediasoup reports {@code dtlsRemoteCert}. */
    public String certificatePem() {
        return toPem(der);
    }

    public byte[] certificateDer() {
        return der.clone();
    }

    byte[] der() {
        return der;
    }

    boolean isEc() {
        return privateKey instanceof ECPrivateKeyParameters;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    static String toPem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }
}
