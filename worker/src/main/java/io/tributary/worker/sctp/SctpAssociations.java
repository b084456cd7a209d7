package io.tributary.worker.sctp;

/** Creates associations; the one entry point transports use. */
public final class SctpAssociations {

    private SctpAssociations() {}

    public static SctpAssociation create(
            SctpOptions options, SctpAssociation.Output output, SctpAssociation.Listener listener, SctpTimers timers) {
        return new Association(options, output, listener, timers);
    }
}
