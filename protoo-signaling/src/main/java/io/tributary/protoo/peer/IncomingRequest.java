package io.tributary.protoo.peer;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protoo.ProtooError;
import io.tributary.protoo.ProtooRequest;
import io.tributary.protoo.message.Message;
import io.tributary.protoo.message.MessageCodec;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A received request; the first answer wins, from any thread. */
final class IncomingRequest implements ProtooRequest {

    private static final System.Logger LOG = System.getLogger(IncomingRequest.class.getName());

    private final PeerCore peer;
    private final Message.Request request;
    private final AtomicBoolean answered = new AtomicBoolean();

    IncomingRequest(PeerCore peer, Message.Request request) {
        this.peer = peer;
        this.request = request;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public JsonNode data() {
        return request.data();
    }

    @Override
    public void accept(JsonNode data) {
        if (firstAnswer()) {
            peer.respond(MessageCodec.success(request.id(), data));
        }
    }

    @Override
    public void accept() {
        accept(null);
    }

    @Override
    public void reject(int errorCode, String errorReason) {
        if (firstAnswer()) {
            peer.respond(MessageCodec.error(request.id(), errorCode, errorReason == null ? "" : errorReason));
        }
    }

    @Override
    public void reject(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProtooError protoo) {
            reject(protoo.code(), protoo.reason());
        } else {
            reject(500, cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName());
        }
    }

    private boolean firstAnswer() {
        if (answered.compareAndSet(false, true)) {
            return true;
        }
        LOG.log(Level.WARNING, "{0}: request {1} already answered", peer.name(), request.method());
        return false;
    }
}
