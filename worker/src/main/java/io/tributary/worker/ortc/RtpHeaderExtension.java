package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A header extension capability; validated instances carry preferredEncrypt and direction. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpHeaderExtension(
        MediaKind kind,
        String uri,
        int preferredId,
        Boolean preferredEncrypt,
        RtpHeaderExtensionDirection direction) {}
