package io.crystalbus.batch;

import io.crystalbus.message.InvalidMessageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a decompressed stream with an error once it has expanded past a limit. Hand-written because the
 * library streams at hand (commons-io's BoundedInputStream, Guava's ByteStreams.limit) silently truncate,
 * which would turn a bomb into a plausible-looking short frame; here it is a clear rejection. IO errors of the
 * codec underneath (a corrupt frame, a bad checksum) become the same clear rejection.
 */
final class ExpansionLimit extends FilterInputStream {
    private final long maxBytes;
    private final Compression compression;
    private long read;

    ExpansionLimit(InputStream in, long maxBytes, Compression compression) {
        super(in);
        this.maxBytes = maxBytes;
        this.compression = compression;
    }

    @Override
    public int read() throws IOException {
        int b = guarded(() -> super.read());
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = guarded(() -> super.read(buffer, offset, length));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > maxBytes) {
            throw new InvalidMessageException("Content-Encoding", compression.contentEncoding(),
                    "expands past the limit of " + maxBytes + " bytes (crystal.codec.max-expanded-bytes)");
        }
    }

    private interface Read {
        int read() throws IOException;
    }

    private int guarded(Read read) {
        try {
            return read.read();
        } catch (IOException e) {
            throw compression.corrupt(e);
        }
    }
}
