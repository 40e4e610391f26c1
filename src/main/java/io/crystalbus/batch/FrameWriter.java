package io.crystalbus.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes one frame: a list of values in one wire format, compressed as it is written. Each value is encoded
 * once, when it is added, so the frame's encoded size is known exactly at every step (batches complete on
 * bytes) and sealing only finishes the compressed stream.
 */
public final class FrameWriter {
    private final ByteArrayOutputStream frame;
    private final CountingOutputStream encoded;
    private final SequenceWriter sequence;
    private int count;

    public FrameWriter(ObjectMapper mapper, Compression compression, int expectedBytes) {
        try {
            this.frame = new ByteArrayOutputStream(expectedBytes);
            this.encoded = new CountingOutputStream(compression.compress(frame));
            this.sequence = mapper.writer().writeValuesAsArray(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void add(Object value) {
        try {
            sequence.write(value);
            sequence.flush();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** The encoded (uncompressed) bytes so far. */
    public long encodedBytes() {
        return encoded.count();
    }

    public int count() {
        return count;
    }

    /** Ends the list and the compressed stream; the writer is done. */
    public byte[] finish() {
        try {
            sequence.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frame.toByteArray();
    }
}
