package io.crystalbus.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.EnumMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * One strict Jackson mapper per wire format. Strict means: no coercion of strings to numbers or floats to
 * integers, duplicate keys rejected, trailing content rejected, unknown fields ignored (the contract allows
 * new fields), and parsing limits on size, depth, string length and YAML aliases.
 */
public final class Mappers {
    private final Map<WireFormat, ObjectMapper> mappers = new EnumMap<>(WireFormat.class);
    private final CodecLimits limits;

    public Mappers(CodecLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(40)
                .maxDocumentLength(limits.maxBodyBytes())
                .build();
        JsonFactory json = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mappers.put(WireFormat.JSON, strict(JsonMapper.builder(json)));

        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        loader.setNestingDepthLimit(limits.maxNestingDepth());
        loader.setCodePointLimit(limits.maxBodyBytes());
        YAMLFactory yaml = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        mappers.put(WireFormat.YAML, strict(YAMLMapper.builder(yaml)));
        CBORFactory cbor = CBORFactory.builder().streamReadConstraints(constraints).build();
        mappers.put(WireFormat.CBOR, strict(CBORMapper.builder(cbor)));
    }

    private static ObjectMapper strict(MapperBuilder<?, ?> builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // "outcome": 1 must not become the enum's second constant (LOSS): found by the bad-input corpus
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public ObjectMapper forFormat(WireFormat format) {
        return mappers.get(format);
    }

    public ObjectMapper json() {
        return mappers.get(WireFormat.JSON);
    }

    public CodecLimits limits() {
        return limits;
    }
}
