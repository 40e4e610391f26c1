package io.crystalbus.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.crystalbus.message.InvalidMessageException;
import java.io.IOException;

/**
 * Refuses YAML aliases ({@code *name}). Jackson's YAML parser does not expand an alias: it reads it as the
 * anchor's name, so {@code customerId: *a} would silently become {@code "a"}. Messages never need aliases,
 * and refusing them also makes alias bombs impossible.
 */
public final class AliasRefusingParser extends JsonParserDelegate {
    private final YAMLParser yaml;

    AliasRefusingParser(YAMLParser yaml) {
        super(yaml);
        this.yaml = yaml;
    }

    public static JsonParser wrap(JsonParser parser) {
        return parser instanceof YAMLParser yaml ? new AliasRefusingParser(yaml) : parser;
    }

    private <T> T checked(T result) throws IOException {
        if (yaml.isCurrentAlias()) {
            throw new InvalidMessageException("body", "*" + yaml.getText(),
                    "uses a YAML alias; aliases are not accepted in messages (write the value out)");
        }
        return result;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return checked(super.nextToken());
    }

    /** Walks skipped content through {@link #nextToken()}, so an alias in an ignored field is refused too. */
    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken token = nextToken();
            if (token == null) {
                break;
            }
            if (token.isStructStart()) {
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        return checked(super.nextValue());
    }

    @Override
    public String nextFieldName() throws IOException {
        return checked(super.nextFieldName());
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return checked(super.nextFieldName(name));
    }

    @Override
    public String nextTextValue() throws IOException {
        return checked(super.nextTextValue());
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return checked(super.nextIntValue(defaultValue));
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return checked(super.nextLongValue(defaultValue));
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        return checked(super.nextBooleanValue());
    }
}
