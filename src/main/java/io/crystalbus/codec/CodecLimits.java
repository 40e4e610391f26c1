package io.crystalbus.codec;

/**
 * Safe parsing limits for untrusted bodies.
 *
 * @param maxBodyBytes    largest body, bytes (YAML code points likewise)
 * @param maxNestingDepth deepest nesting of objects and lists
 * @param maxStringLength longest string value
 * @param maxItems        most messages in one list
 */
public record CodecLimits(int maxBodyBytes, int maxNestingDepth, int maxStringLength, int maxItems) {

    public static CodecLimits defaults() {
        return new CodecLimits(4 * 1024 * 1024, 32, 64 * 1024, 10_000);
    }
}
