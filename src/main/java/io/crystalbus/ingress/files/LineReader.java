package io.crystalbus.ingress.files;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most {@code maxChars}; a longer line is skipped to its end and reported as too long.
 * Hand-written because BufferedReader.readLine (and the library line readers built on it) keep a line of
 * any length in memory, and a file with no line break would then fill the heap.
 */
final class LineReader {
    /** Returned for a line longer than the limit (its content is dropped). */
    static final String TOO_LONG = new String("<too long>");

    private final Reader in;
    private final int maxChars;
    private final StringBuilder line = new StringBuilder();
    private long lineNumber;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its line break, {@link #TOO_LONG}, or null at the end. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() < maxChars) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (c < 0 && line.length() == 0 && !tooLong) {
            return null;
        }
        lineNumber++;
        if (tooLong) {
            return TOO_LONG;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** The number of the line last returned (1-based). */
    long lineNumber() {
        return lineNumber;
    }
}
