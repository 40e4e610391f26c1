package io.crystalbus.batch;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.crystalbus.message.InvalidMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * The codecs a batch frame or file may be compressed with, named as in {@code Content-Encoding}. All are
 * streams, so a frame is compressed while it is encoded and split while it is decompressed, never copied
 * whole. lz4 uses the LZ4 frame format and zstd its standard frame, both with content checksums, so a
 * corrupt frame fails to decompress rather than yielding wrong bytes.
 */
public enum Compression {
    NONE("identity", "") {
        @Override
        public OutputStream compress(OutputStream out) {
            return out;
        }

        @Override
        InputStream open(InputStream in) {
            return in;
        }
    },
    GZIP("gzip", ".gz") {
        @Override
        public OutputStream compress(OutputStream out) throws IOException {
            return new GZIPOutputStream(out, 8192);
        }

        @Override
        InputStream open(InputStream in) throws IOException {
            return new GZIPInputStream(in, 8192);
        }
    },
    LZ4("lz4", ".lz4") {
        @Override
        public OutputStream compress(OutputStream out) throws IOException {
            return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
        }

        @Override
        InputStream open(InputStream in) throws IOException {
            return new LZ4FrameInputStream(in);
        }
    },
    ZSTD("zstd", ".zst") {
        @Override
        public OutputStream compress(OutputStream out) throws IOException {
            ZstdOutputStream zstd = new ZstdOutputStream(out, ZSTD_LEVEL);
            zstd.setChecksum(true);
            return zstd;
        }

        @Override
        InputStream open(InputStream in) throws IOException {
            return new ZstdInputStream(in);
        }
    };

    /** Level 1: the fast end, measured at several times the ratio of lz4 for about twice its CPU (docs/benchmarks-history.md). */
    private static final int ZSTD_LEVEL = 1;

    private final String contentEncoding;
    private final String fileSuffix;

    Compression(String contentEncoding, String fileSuffix) {
        this.contentEncoding = contentEncoding;
        this.fileSuffix = fileSuffix;
    }

    /** Wraps {@code out}; closing the result finishes the compressed frame. */
    public abstract OutputStream compress(OutputStream out) throws IOException;

    abstract InputStream open(InputStream in) throws IOException;

    /**
     * Decompresses {@code in}, refusing to expand past {@code maxExpandedBytes} (a decompression bomb ends as
     * an {@link InvalidMessageException}, not as a full heap or disk).
     */
    public InputStream decompress(InputStream in, long maxExpandedBytes) {
        try {
            return new ExpansionLimit(open(in), maxExpandedBytes, this);
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    /** The error for a frame that is not what its Content-Encoding says. */
    public InvalidMessageException corrupt(IOException e) {
        return new InvalidMessageException("Content-Encoding", contentEncoding,
                "frame is not valid " + contentEncoding + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    public String contentEncoding() {
        return contentEncoding;
    }

    /** The file name suffix, e.g. {@code .gz}; empty for {@link #NONE}. */
    public String fileSuffix() {
        return fileSuffix;
    }

    /** The codec of a setting value ({@code none}, {@code gzip}, {@code lz4}, {@code zstd}). */
    public static Compression ofName(String name) {
        for (Compression compression : values()) {
            if (compression.name().equalsIgnoreCase(name.trim()) || compression.contentEncoding.equalsIgnoreCase(name.trim())) {
                return compression;
            }
        }
        throw new IllegalArgumentException("compression must be one of " + names() + ", not '" + name + "'");
    }

    /** The codec of a {@code Content-Encoding} header: absent or {@code identity} is none; anything unknown is refused. */
    public static Compression ofContentEncoding(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        String value = header.trim().toLowerCase(Locale.ROOT);
        for (Compression compression : values()) {
            if (compression.contentEncoding.equals(value) || ("x-" + compression.contentEncoding).equals(value)) {
                return compression;
            }
        }
        throw new InvalidMessageException("Content-Encoding", header, "must be one of " + names());
    }

    /** The codec a file name's last suffix names ({@code .gz}, {@code .zst}, {@code .lz4}), else none. */
    public static Compression ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Compression compression : values()) {
            if (compression != NONE && lower.endsWith(compression.fileSuffix)) {
                return compression;
            }
        }
        return NONE;
    }

    private static String names() {
        return Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
