package io.crystalbus.wiring;

import io.crystalbus.batch.Batches;
import io.crystalbus.batch.FrameReader;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireCodec;
import io.crystalbus.wiring.settings.InputSettings;
import java.util.function.BiConsumer;

/** The codecs: JSON, YAML and CBOR mappers with the input limits, the wire decoder, batch frames. */
public final class CodecBeans {
    final Mappers mappers;
    final WireCodec wire;
    final Batches batches;

    public CodecBeans(InputSettings input) {
        mappers = new Mappers(input.limits());
        wire = new WireCodec(mappers);
        batches = new Batches(new FrameReader(mappers, input.maxExpandedBytes()));
    }

    public Mappers mappers() {
        return mappers;
    }

    /** The batch reader the domain steps share. */
    public Batches batches() {
        return batches;
    }

    public void bindTo(BiConsumer<String, Object> registry) {
        registry.accept("mappers", mappers);
        registry.accept("wire", wire);
        registry.accept("wireDecode", wire.decoder());
        registry.accept("batches", batches);
    }
}
