package io.crystalbus.codec;

/**
 * Safe parsing limits for untrusted bodies (their settings and defaults: {@code wiring.settings.InputSettings}).
 *
 * @param maxBodyBytes    largest body, bytes (YAML code points likewise)
 * @param maxNestingDepth deepest nesting of objects and lists
 * @param maxStringLength longest string value
 * @param maxItems        most messages in one list
 */
public record CodecLimits(int maxBodyBytes, int maxNestingDepth, int maxStringLength, int maxItems) {
}
