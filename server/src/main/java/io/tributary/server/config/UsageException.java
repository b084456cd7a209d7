package io.tributary.server.config;

/** A command-line or configuration mistake, reported to the user as one line, never a stack trace. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
