package io.tributary.worker.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's crypto, with record ciphers that let DTLS silently discard every record they cannot
 * decode (RFC 6347 §4.1.2.7), not only those with a bad MAC.
 *
 * <p>BouncyCastle's DTLS record layer discards a record whose decryption fails with
 * {@code bad_record_mac} but treats any other failure as fatal: a record of the current epoch that is
 * too short for the cipher's nonce and tag ({@code decode_error}), or whose CBC ciphertext is not a
 * whole number of blocks ({@code decryption_failed}), ends the association with a fatal alert. Those
 * checks come before any authentication, so one forged 14-byte datagram from the peer's address would
 * kill a connected transport. Here such failures are reported as {@code bad_record_mac}, which the
 * record layer drops, and counted.
 */
final class DiscardingCrypto extends BcTlsCrypto {

    private final AtomicLong discarded = new AtomicLong();

    DiscardingCrypto(SecureRandom random) {
        super(random);
    }

    /** Records of an encrypted epoch that did not decode or authenticate. */
    long discardedRecords() {
        return discarded.get();
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        return new Discarding(super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm));
    }

    private final class Discarding implements TlsCipher {
        private final TlsCipher cipher;

        Discarding(TlsCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public TlsDecodeResult decodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion,
                                                byte[] ciphertext, int offset, int len) throws IOException {
            try {
                return cipher.decodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset, len);
            } catch (TlsFatalAlert | RuntimeException e) {
                discarded.incrementAndGet();
                if (e instanceof TlsFatalAlert alert && alert.getAlertDescription() == AlertDescription.bad_record_mac) {
                    throw alert;
                }
                throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
            }
        }

        @Override
        public int getCiphertextDecodeLimit(int plaintextLimit) {
            return cipher.getCiphertextDecodeLimit(plaintextLimit);
        }

        @Override
        public int getCiphertextEncodeLimit(int plaintextLimit) {
            return cipher.getCiphertextEncodeLimit(plaintextLimit);
        }

        @Override
        public int getPlaintextDecodeLimit(int ciphertextLimit) {
            return cipher.getPlaintextDecodeLimit(ciphertextLimit);
        }

        @Override
        public int getPlaintextEncodeLimit(int ciphertextLimit) {
            return cipher.getPlaintextEncodeLimit(ciphertextLimit);
        }

        @Override
        public TlsEncodeResult encodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion,
                                               int headerAllocation, byte[] plaintext, int offset, int len)
                throws IOException {
            return cipher.encodePlaintext(seqNo, contentType, recordVersion, headerAllocation, plaintext, offset, len);
        }

        @Override
        public void rekeyDecoder() throws IOException {
            cipher.rekeyDecoder();
        }

        @Override
        public void rekeyEncoder() throws IOException {
            cipher.rekeyEncoder();
        }

        @Override
        public boolean usesOpaqueRecordTypeDecode() {
            return cipher.usesOpaqueRecordTypeDecode();
        }

        @Override
        public boolean usesOpaqueRecordTypeEncode() {
            return cipher.usesOpaqueRecordTypeEncode();
        }
    }
}
