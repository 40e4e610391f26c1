package io.crystalbus.batch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.crystalbus.codec.AliasRefusingParser;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.MessageReader;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.InvalidMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a frame written by {@link FrameWriter}: decompresses and decodes it as one stream, value by value,
 * so no decompressed copy of the whole frame is ever made. Whatever is wrong with the frame (codec, expansion
 * limit, syntax, a value of the wrong shape) ends as an {@link InvalidMessageException}.
 */
public final class FrameReader {
    private final Mappers mappers;
    private final long maxExpandedBytes;

    public FrameReader(Mappers mappers, long maxExpandedBytes) {
        this.mappers = mappers;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** The frame's values, in order. */
    public <T> List<T> readAll(InputStream frame, WireFormat format, Compression compression, JavaType valueType) {
        List<T> values = new ArrayList<>();
        ObjectMapper mapper = mappers.forFormat(format);
        // values are read one by one from a shared parser; what follows the list is checked below
        ObjectReader reader = mapper.readerFor(valueType).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = AliasRefusingParser.wrap(mapper.createParser(compression.decompress(frame, maxExpandedBytes)))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidMessageException("body", format.contentType(), "a batch frame must be a list");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                values.add(reader.readValue(parser));
            }
            if (parser.nextToken() != null) {
                throw new InvalidMessageException("body", format.contentType(), "has content after the end of the batch");
            }
        } catch (IOException | RuntimeException e) {
            throw MessageReader.invalid(e, format + " batch");
        }
        return values;
    }

    public JavaType itemType(Class<?> messageType) {
        return mappers.json().getTypeFactory().constructParametricType(BatchItem.class, messageType);
    }
}
