package io.crystalbus.batch;

import java.util.List;

/** A batch passed by reference ({@code object} format): its items in the order they joined it. */
public record Batch(List<BatchItem<?>> items) {

    @Override
    public String toString() {
        return "Batch of " + items.size();
    }
}
