package io.tributary.worker.dtls;

import java.util.Locale;

import io.tributary.worker.errors.TypeError;

/** mediasoup's {@code dtlsParameters.role}. */
public enum DtlsRole {
    AUTO,
    CLIENT,
    SERVER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code "auto"}, {@code "client"} or {@code "server"}; anything else is a TypeError. */
    public static DtlsRole fromValue(String value) {
        for (DtlsRole role : values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        throw new TypeError("invalid DTLS role: " + value);
    }

    /**
     * The local role for a remote role, as mediasoup's WebRtcTransport.connect(): a remote client makes
     * us the server; a remote server or "auto" makes us the client (we are ICE controlled).
     */
    public static DtlsRole localRoleFor(DtlsRole remote) {
        return remote == CLIENT ? SERVER : CLIENT;
    }
}
