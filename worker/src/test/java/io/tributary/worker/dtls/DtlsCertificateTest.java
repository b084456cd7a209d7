package io.tributary.worker.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.DtlsFingerprint;
import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.DtlsRole;
import io.tributary.worker.ortc.FingerprintAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate generation, fingerprints, PEM loading and the DTLS parameter value types. */
class DtlsCertificateTest {

    @Test
    void generatesAnEcdsaCertificateValidTenYearsEachWay() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate();
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.certificateDer()));
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        assertEquals("EC", x509.getPublicKey().getAlgorithm());
        x509.verify(x509.getPublicKey());
        Instant now = Instant.now();
        assertTrue(Duration.between(x509.getNotBefore().toInstant(), now).toDays() >= 3649);
        assertTrue(Duration.between(now, x509.getNotAfter().toInstant()).toDays() >= 3649);
        assertTrue(certificate.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    }

    @Test
    void publishesFiveFingerprintsWithSha256Last() {
        DtlsCertificate certificate = DtlsCertificate.generate();
        List<DtlsFingerprint> fingerprints = certificate.fingerprints();
        assertEquals(List.of("sha-1", "sha-224", "sha-384", "sha-512", "sha-256"),
                fingerprints.stream().map(f -> f.algorithm().value()).toList());
        String sha256 = fingerprints.get(4).value();
        assertTrue(sha256.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), sha256);
        for (DtlsFingerprint fingerprint : fingerprints) {
            assertTrue(Fingerprints.matches(fingerprint, certificate.certificateDer()));
        }
        assertTrue(Fingerprints.matches(new DtlsFingerprint(FingerprintAlgorithm.SHA_256, sha256.toLowerCase()),
                certificate.certificateDer()));
    }

    @Test
    void loadsEcAndRsaPemFilesAndHandshakesWithThem(@TempDir Path dir) throws Exception {
        KeyPair ec = keyPair("EC");
        X509CertificateHolder ecCertificate = selfSigned(ec, "SHA256withECDSA");
        DtlsCertificate ecFromSec1 = load(dir, "ec-sec1", ec, ecCertificate, false);
        DtlsCertificate ecFromPkcs8 = load(dir, "ec-pkcs8", ec, ecCertificate, true);
        assertEquals(ecFromSec1.fingerprints(), ecFromPkcs8.fingerprints());
        assertEquals(Fingerprints.of(FingerprintAlgorithm.SHA_256, ecCertificate.getEncoded()), ecFromSec1.fingerprint(FingerprintAlgorithm.SHA_256));

        KeyPair rsaKeys = keyPair("RSA");
        DtlsCertificate rsa = load(dir, "rsa", rsaKeys, selfSigned(rsaKeys, "SHA256withRSA"), false);
        try (DtlsPair pair = new DtlsPair(rsa, ecFromSec1)) {
            pair.a.start(DtlsRole.SERVER, ecFromSec1.fingerprints());
            pair.b.start(DtlsRole.CLIENT, rsa.fingerprints());
            assertEquals(rsa.certificatePem(), pair.b.handshakeFuture().get(10, TimeUnit.SECONDS).remoteCertificatePem());
            assertEquals(ecFromSec1.certificatePem(),
                    pair.a.handshakeFuture().get(10, TimeUnit.SECONDS).remoteCertificatePem());
        }
    }

    @Test
    void rejectsBadPem(@TempDir Path dir) throws Exception {
        KeyPair one = keyPair("EC");
        KeyPair other = keyPair("EC");
        String certificate = pem(selfSigned(one, "SHA256withECDSA"));
        assertThrows(MediasoupError.class, () -> DtlsCertificate.fromPem(certificate, pem(other.getPrivate())));
        assertThrows(MediasoupError.class, () -> DtlsCertificate.fromPem("not pem", pem(one.getPrivate())));
        assertThrows(MediasoupError.class, () -> DtlsCertificate.fromPem(certificate, certificate));
        assertThrows(MediasoupError.class,
                () -> DtlsCertificate.fromPemFiles(dir.resolve("missing.pem"), dir.resolve("missing.key")));
    }

    @Test
    void wireNamesOfStatesAndRoles() {
        assertEquals("connected", DtlsState.CONNECTED.value());
        assertEquals("client", DtlsRole.CLIENT.value());
    }

    private static DtlsCertificate load(Path dir, String name, KeyPair keyPair, X509CertificateHolder certificate,
            boolean pkcs8) throws Exception {
        Path certificateFile = dir.resolve(name + ".pem");
        Path keyFile = dir.resolve(name + ".key");
        Files.writeString(certificateFile, pem(certificate));
        Files.writeString(keyFile, pkcs8 ? pem(new JcaPKCS8Generator(keyPair.getPrivate(), null)) : pem(keyPair.getPrivate()));
        return DtlsCertificate.fromPemFiles(certificateFile, keyFile);
    }

    private static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder selfSigned(KeyPair keyPair, String signature) throws Exception {
        X500Name name = new X500Name("CN=pem-test");
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(3600)), name, keyPair.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(keyPair.getPrivate()));
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PemObjectGenerator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }
}
