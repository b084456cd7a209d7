package io.tributary.worker.ice;

import java.security.SecureRandom;

/** mediasoup's {@code iceParameters}: local credentials of an ICE-lite server. */
public record IceParameters(String usernameFragment, String password, boolean iceLite) {

    /** mediasoup generates 32 characters from [0-9a-z] for both the ufrag and the password. */
    public static final int CREDENTIAL_LENGTH = 32;

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceParameters {
        if (usernameFragment == null || usernameFragment.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("ICE usernameFragment and password must be non-empty");
        }
    }

    /** Fresh random ICE-lite credentials. */
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
