package io.crystalbus.codec;

import java.util.List;
import java.util.Locale;

/** The encodings a message body may have, named by Content-Type. */
public enum WireFormat {
    JSON("application/json", List.of("application/json", "text/json")),
    YAML("application/yaml", List.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")),
    /** The compact binary format, for channels between domains (not accepted at the API). */
    CBOR("application/cbor", List.of("application/cbor"));

    private final String contentType;
    private final List<String> acceptedTypes;

    WireFormat(String contentType, List<String> acceptedTypes) {
        this.contentType = contentType;
        this.acceptedTypes = acceptedTypes;
    }

    /** The Content-Type this format is sent with. */
    public String contentType() {
        return contentType;
    }

    /**
     * The format of a Content-Type header value (parameters such as charset are ignored), or null when the
     * type is not one crystal-bus reads.
     */
    public static WireFormat forContentType(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        int semicolon = headerValue.indexOf(';');
        String mediaType = (semicolon < 0 ? headerValue : headerValue.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        for (WireFormat format : values()) {
            if (format.acceptedTypes.contains(mediaType)) {
                return format;
            }
        }
        return null;
    }

    /** The format of a wire mode name ({@code json}, {@code yaml}, {@code cbor}), or null for {@code object}. */
    public static WireFormat ofMode(String mode) {
        return "object".equals(mode) ? null : valueOf(mode.toUpperCase(Locale.ROOT));
    }

    public static String supportedTypes() {
        return "application/json, application/yaml, application/x-yaml, text/yaml";
    }
}
