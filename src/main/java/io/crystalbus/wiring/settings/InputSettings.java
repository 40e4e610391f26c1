package io.crystalbus.wiring.settings;

import io.crystalbus.codec.CodecLimits;
import io.crystalbus.config.BusSettings;

/**
 * What the bus accepts from outside (the API and the collections file drop): the limits on untrusted input.
 *
 * @param limits                {@code camel.server.maxBodySize}, {@code crystal.codec.max-nesting-depth},
 *                              {@code crystal.codec.max-string-length}, {@code crystal.api.max-items}
 * @param maxExpandedBytes      {@code crystal.codec.max-expanded-bytes}: a compressed frame's limit once expanded
 * @param retryAfterSeconds     {@code crystal.api.retry-after-seconds}: the {@code Retry-After} of a {@code 503}
 * @param fileMaxRecordBytes    {@code crystal.collections-files.max-record-bytes}: one record of a dropped file
 * @param fileMaxExpandedBytes  {@code crystal.collections-files.max-expanded-bytes}: a dropped file once expanded
 */
public record InputSettings(CodecLimits limits, long maxExpandedBytes, int retryAfterSeconds, int fileMaxRecordBytes,
                            long fileMaxExpandedBytes) {

    public static InputSettings from(BusSettings settings) {
        return new InputSettings(new CodecLimits(settings.integer("camel.server.maxBodySize"),
                settings.integer("crystal.codec.max-nesting-depth"), settings.integer("crystal.codec.max-string-length"),
                settings.integer("crystal.api.max-items")),
                settings.longValue("crystal.codec.max-expanded-bytes"), settings.integer("crystal.api.retry-after-seconds"),
                settings.integer("crystal.collections-files.max-record-bytes"), settings.longValue("crystal.collections-files.max-expanded-bytes"));
    }

    /** The same rules per record for a dropped file, which is streamed: no size limit for the whole list. */
    public CodecLimits fileLimits() {
        return new CodecLimits(Integer.MAX_VALUE, limits.maxNestingDepth(), limits.maxStringLength(), limits.maxItems());
    }
}
