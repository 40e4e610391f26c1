package io.crystalbus.integrator;

/** One problem found in a route file, printed as {@code file:line: message} (line 0: the file as a whole). */
public record Problem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
