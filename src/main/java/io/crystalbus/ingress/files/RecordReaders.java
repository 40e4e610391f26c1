package io.crystalbus.ingress.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.crystalbus.codec.AliasRefusingParser;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.MessageReader;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.InvalidMessageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds the {@link RecordReader} for a file's format; every record is mapped by the same strict rules as the API's. */
public final class RecordReaders {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,30}");
    private final Mappers messageMappers;
    private final Mappers fileMappers;
    private final CsvMapper csv = new CsvMapper();
    private final int maxRecordChars;

    /**
     * @param messageMappers the API's mappers (limits per record)
     * @param fileMappers    the same rules without the size limit of a whole document (a file is streamed)
     */
    public RecordReaders(Mappers messageMappers, Mappers fileMappers, int maxRecordChars) {
        this.messageMappers = messageMappers;
        this.fileMappers = fileMappers;
        this.maxRecordChars = maxRecordChars;
    }

    RecordReader open(InputStream in, FileFormat format, Class<?> type, FileReport report) throws IOException {
        return switch (format) {
            case NDJSON -> lines(in, type, report);
            case CSV -> csv(in, type, report);
            case JSON -> list(in, WireFormat.JSON, type, report);
            case YAML -> list(in, WireFormat.YAML, type, report);
        };
    }

    /** Invalid UTF-8 ends the file with an error instead of becoming replacement characters. */
    private static InputStreamReader strictUtf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private RecordReader lines(InputStream in, Class<?> type, FileReport report) {
        BufferedReader reader = new BufferedReader(strictUtf8(in), 64 * 1024);
        LineReader lines = new LineReader(reader, maxRecordChars);
        ObjectMapper json = messageMappers.json();
        return new RecordReader(reader, report) {
            @Override
            protected FileRecord read() throws IOException {
                String line;
                do {
                    line = lines.readLine();
                } while (line != null && line != LineReader.TOO_LONG && line.isBlank());
                if (line == null) {
                    return null;
                }
                long number = lines.lineNumber();
                if (line == LineReader.TOO_LONG) {
                    return FileRecord.unreadable(number, "record is longer than " + maxRecordChars + " characters");
                }
                try {
                    return FileRecord.read(number, json.readValue(line, type));
                } catch (IOException | RuntimeException e) {
                    return FileRecord.unreadable(number, MessageReader.invalid(e, "JSON").getMessage());
                }
            }
        };
    }

    /**
     * CSV with a header line, one record per line: read by the same bounded {@link LineReader} as NDJSON, so a
     * record longer than the limit is refused alone (quoted values cannot span lines). Every cell's problem, a
     * number out of range among them, is that record's alone: the rest of the file is read.
     */
    private RecordReader csv(InputStream in, Class<?> type, FileReport report) throws IOException {
        BufferedReader reader = new BufferedReader(strictUtf8(in), 64 * 1024);
        LineReader lines = new LineReader(reader, maxRecordChars);
        String header = lines.readLine();
        if (header == LineReader.TOO_LONG) {
            throw new InvalidMessageException("header", null, "the CSV header line is longer than " + maxRecordChars + " characters");
        }
        CsvSchema.Builder columns = CsvSchema.builder();
        if (header != null) {
            for (String column : csv.readerFor(String[].class).with(CsvSchema.emptySchema()).<String[]>readValue(header)) {
                columns.addColumn(column.trim());
            }
        }
        ObjectReader rows = csv.readerFor(Map.class).with(columns.build());
        Set<String> numeric = numericFields(type);
        ObjectMapper json = messageMappers.json();
        return new RecordReader(reader, report) {
            @Override
            protected FileRecord read() throws IOException {
                String line;
                do {
                    line = header == null ? null : lines.readLine();
                } while (line != null && line != LineReader.TOO_LONG && line.isBlank());
                if (line == null) {
                    return null;
                }
                long number = lines.lineNumber();
                if (line == LineReader.TOO_LONG) {
                    return FileRecord.unreadable(number, "record is longer than " + maxRecordChars + " characters");
                }
                try {
                    Map<String, String> values = rows.readValue(line);
                    return FileRecord.read(number, json.treeToValue(record(values, numeric), type));
                } catch (IOException | RuntimeException e) {
                    return FileRecord.unreadable(number, MessageReader.invalid(e, "CSV").getMessage());
                }
            }
        };
    }

    /** The row as a JSON record: a whole number in a numeric field becomes a number (one too large, a big one). */
    private static ObjectNode record(Map<String, String> values, Set<String> numeric) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach((field, value) -> {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (numeric.contains(field) && WHOLE_NUMBER.matcher(value).matches()) {
                node.put(field, new java.math.BigInteger(value));
            } else {
                node.put(field, value);
            }
        });
        return node;
    }

    /** A CSV cell is text; it becomes a number only for a numeric field, and only when it is a whole number. */
    private static Set<String> numericFields(Class<?> type) {
        java.util.HashSet<String> numeric = new java.util.HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> t = component.getType();
            if (t == Long.class || t == long.class || t == Integer.class || t == int.class) {
                numeric.add(component.getName());
            }
        }
        return numeric;
    }

    /** Where the parser is in the file: bytes for JSON, characters for YAML (whose parser counts those), or -1. */
    private static long offset(com.fasterxml.jackson.core.JsonLocation location) {
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    /**
     * A JSON list or a YAML sequence of records, or YAML documents of one record each; a record longer than the
     * limit is refused alone (it was read: each of its strings is bounded by {@code crystal.codec.max-string-length}).
     */
    private RecordReader list(InputStream in, WireFormat format, Class<?> type, FileReport report) throws IOException {
        ObjectMapper mapper = fileMappers.forFormat(format);
        ObjectMapper strict = messageMappers.forFormat(format);
        JsonParser parser = AliasRefusingParser.wrap(mapper.createParser(in));
        // records are read one by one from the shared parser
        ObjectReader trees = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return new RecordReader(parser, report) {
            private int depth;

            @Override
            protected FileRecord read() throws IOException {
                JsonToken token = parser.nextToken();
                if (depth == 0 && token == JsonToken.START_ARRAY) {
                    depth = 1;
                    token = parser.nextToken();
                }
                if (token == null || (depth == 1 && token == JsonToken.END_ARRAY)) {
                    if (token == JsonToken.END_ARRAY) {
                        depth = 0;
                        return read();
                    }
                    return null;
                }
                long line = parser.currentTokenLocation().getLineNr();
                long start = offset(parser.currentTokenLocation());
                JsonNode node = trees.readTree(parser);
                if (start >= 0 && offset(parser.currentLocation()) - start > maxRecordChars) {
                    return FileRecord.unreadable(line, "record is longer than " + maxRecordChars + " characters");
                }
                if (!(node instanceof ObjectNode)) {
                    return FileRecord.unreadable(line, "body: must be a record (an object), not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                }
                try {
                    return FileRecord.read(line, strict.treeToValue(node, type));
                } catch (IOException | RuntimeException e) {
                    return FileRecord.unreadable(line, MessageReader.invalid(e, format.name()).getMessage());
                }
            }
        };
    }
}
