package io.tributary.server.node;

/** Why a node could not start, in one line for the user (a taken port, a bad address). */
public final class StartupException extends RuntimeException {

    public StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
