package io.tributary.pipe.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors on the wire: {@code {"error": kind, "message": text}} with mediasoup's kinds and texts
 * (TypeError, UnsupportedError, InvalidStateError, Error), turned back into the same exception on the
 * calling node, so a remote pipe fails exactly as a local one would.
 */
public final class ControlErrors {

    static final String UNAUTHORIZED = "Unauthorized";

    private ControlErrors() {
    }

    /** HTTP status for an error raised while serving a request. */
    public static int status(Throwable error) {
        if (error instanceof NotFoundError) {
            return 404;
        }
        if (error instanceof InvalidStateError) {
            return 409;
        }
        if (error instanceof TypeError) {
            return 400;
        }
        if (error instanceof UnsupportedError) {
            return 501;
        }
        return 500;
    }

    /** The JSON body describing {@code error}. */
    public static Buffer body(Throwable error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error instanceof MediasoupError m ? m.kind() : "Error");
        body.put("message", String.valueOf(error.getMessage()));
        return ControlJson.encode(body);
    }

    static Buffer unauthorized(String reason) {
        return ControlJson.encode(Map.of("error", UNAUTHORIZED, "message", reason));
    }

    /** The exception a non-2xx reply stands for; {@code call} names the request for messages. */
    static MediasoupError fromReply(String call, int status, Buffer body) {
        JsonNode json = ControlJson.tree(body);
        String kind = json.path("error").asText("");
        String message = json.path("message").asText("");
        if (status == 404) {
            return new NotFoundError(message);
        }
        return switch (kind) {
            case "TypeError" -> new TypeError(message);
            case "UnsupportedError" -> new UnsupportedError(message);
            case "InvalidStateError" -> new InvalidStateError(message);
            case "Error" -> new MediasoupError(message);
            case UNAUTHORIZED -> new ControlCallError(call + " refused: " + message);
            default -> new ControlCallError(call + " answered HTTP " + status + ": " + body);
        };
    }
}
