package io.tributary.worker.ice;

import io.tributary.worker.ortc.IceParameters;
import java.security.SecureRandom;

/** Random ICE-lite credentials, as mediasoup makes them: 32 characters of [0-9a-z] each. */
public final class IceCredentials {

    public static final int CREDENTIAL_LENGTH = 32;

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private IceCredentials() {
    }

    public static IceParameters random() {
        return new IceParameters(randomString(CREDENTIAL_LENGTH), randomString(CREDENTIAL_LENGTH), true);
    }

    static String randomString(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
