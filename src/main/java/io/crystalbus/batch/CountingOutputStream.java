package io.crystalbus.batch;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the encoded bytes on their way into the compressor. Hand-written because it must also swallow
 * {@code flush()}: the encoder is flushed after every message so the count is exact, and a flush passed on
 * would make zstd and lz4 end a block per message and lose most of their ratio.
 */
final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        count += length;
    }

    @Override
    public void flush() {
        // deliberately not passed on (see the class comment)
    }

    long count() {
        return count;
    }
}
