package io.crystalbus.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters on disk: append-only segment files of one JSON line each ({@code dead-letters-000001.ndjson},
 * ...), so an operator can read them with {@code jq} and a restart finds them again. A letter's line holds the
 * whole message for replay; a replay appends a line of its own. A segment is closed at
 * {@code segmentBytes}; the oldest is deleted once there are more than {@code maxSegments}, which bounds the
 * disk used to about their product.
 *
 * <p>Written by hand: what is needed is an append-only, human-readable log with a size bound, a few lines of
 * NIO; an embedded database or a persistent queue would bring a dependency, a format of its own and a lock for
 * a stream that is rare by design. A line is written to the file at once (not fsynced): it survives the process
 * being killed, not the machine losing power in the next seconds.
 */
public final class DeadLetterJournal extends org.apache.camel.support.service.ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterJournal.class);
    private static final String PREFIX = "dead-letters-";
    private static final String SUFFIX = ".ndjson";

    /** Where a letter's line is, to read its message back for a replay. */
    public record Location(String segment, long offset) {
    }

    /** One line: a letter with its message, or the replay of a letter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(DeadLetter letter, StoredMessage message, Replay replayed) {
    }

    record Replay(long id, Instant at) {
    }

    /** What the journal holds, oldest first, as read at start. */
    public interface Reader {
        void letter(DeadLetter letter, Location location);

        void replayed(long id, Instant at);
    }

    private final Path directory;
    private final long segmentBytes;
    private final int maxSegments;
    private final ObjectMapper json;
    private FileChannel current;
    private Path currentPath;

    public DeadLetterJournal(Path directory, long segmentBytes, int maxSegments, ObjectMapper json) {
        if (segmentBytes <= 0 || maxSegments <= 0) {
            throw new IllegalArgumentException("dead-letter segments need a positive size and count");
        }
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.maxSegments = maxSegments;
        this.json = json.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Reads every retained line, oldest first; a line that cannot be read (a torn last write) is skipped. */
    public synchronized void readAll(Reader reader) {
        for (Path segment : segments()) {
            long offset = 0;
            try (BufferedReader lines = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
                for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                    Location location = new Location(segment.getFileName().toString(), offset);
                    offset += text.getBytes(StandardCharsets.UTF_8).length + 1;
                    readLine(segment, text, location, reader);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dead letters from " + segment, e);
            }
        }
    }

    private void readLine(Path segment, String text, Location location, Reader reader) {
        try {
            Line line = json.readValue(text, Line.class);
            if (line.letter() != null) {
                reader.letter(line.letter(), location);
            } else if (line.replayed() != null) {
                reader.replayed(line.replayed().id(), line.replayed().at());
            }
        } catch (IOException e) {
            LOG.warn("Skipping an unreadable line of {} at byte {}: {}", segment, location.offset(), e.getMessage());
        }
    }

    public synchronized Location append(DeadLetter letter, StoredMessage message) {
        return write(new Line(letter, message, null));
    }

    public synchronized void appendReplay(long id, Instant at) {
        write(new Line(null, null, new Replay(id, at)));
    }

    /** The message of the letter at {@code location}; empty when its segment is past the retention. */
    public synchronized Optional<StoredMessage> message(Location location) {
        Path segment = directory.resolve(location.segment());
        if (!Files.exists(segment)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            channel.position(location.offset());
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            return Optional.ofNullable(json.readValue(reader.readLine(), Line.class).message());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a dead letter from " + segment, e);
        }
    }

    private Location write(Line line) {
        try {
            byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            if (current == null || current.size() + bytes.length > segmentBytes && current.size() > 0) {
                roll();
            }
            long offset = current.size();
            writeAt(bytes, offset);
            return new Location(currentPath.getFileName().toString(), offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a dead letter to " + directory, e);
        }
    }

    /** Continues the newest segment after a restart, or opens the next one; deletes segments past the bound. */
    private void roll() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly("rwx------"));
        }
        List<Path> segments = segments();
        if (current == null && !segments.isEmpty() && Files.size(segments.get(segments.size() - 1)) < segmentBytes) {
            currentPath = segments.get(segments.size() - 1);
        } else {
            if (current != null) {
                current.close();
            }
            long next = segments.isEmpty() ? 1 : number(segments.get(segments.size() - 1)) + 1;
            currentPath = directory.resolve(String.format("%s%06d%s", PREFIX, next, SUFFIX));
            segments.add(currentPath);
        }
        // letters hold customers' messages: readable by the bus's own user only
        current = FileChannel.open(currentPath, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                ownerOnly("rw-------"));
        endTornLine();
        for (int i = 0; i < segments.size() - maxSegments; i++) {
            Files.deleteIfExists(segments.get(i));
            LOG.info("Deleted dead-letter segment {} (retention: {} segments of {} bytes)", segments.get(i).getFileName(), maxSegments, segmentBytes);
        }
    }

    /** A line cut short by a crash is ended, so the next one starts on a line of its own. */
    private void endTornLine() throws IOException {
        long size = current.size();
        if (size == 0) {
            return;
        }
        var last = java.nio.ByteBuffer.allocate(1);
        current.read(last, size - 1);
        if (last.get(0) != '\n') {
            writeAt(new byte[] {'\n'}, size);
        }
    }

    /** Appends at the end (one writer, under this object's lock). */
    private void writeAt(byte[] bytes, long position) throws IOException {
        var buffer = java.nio.ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            position += current.write(buffer, position);
        }
    }

    /** Owner-only permissions where the file system has POSIX permissions (none asked for elsewhere). */
    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(String permissions) {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString(permissions))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    private List<Path> segments() {
        if (!Files.isDirectory(directory)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().matches(PREFIX + "\\d+" + java.util.regex.Pattern.quote(SUFFIX)))
                    .sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    /** Closes the open segment when the bus stops (a later write opens it again). */
    @Override
    protected synchronized void doStop() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
