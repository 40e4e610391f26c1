package io.crystalbus.batch;

import io.crystalbus.message.InvalidMessageException;

/** Finds the clear rejection a codec stream raised under the wrapping a parser or mapper put around it. */
final class Rejections {
    private Rejections() {
    }

    static InvalidMessageException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidMessageException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
