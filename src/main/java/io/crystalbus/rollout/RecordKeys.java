package io.crystalbus.rollout;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a named field of a message record (the rollout key, e.g. {@code customerId}) through a cached method
 * handle: no reflection lookup or allocation per message.
 */
public final class RecordKeys {
    private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);
    private static final ClassValue<ConcurrentHashMap<String, MethodHandle>> ACCESSORS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private RecordKeys() {
    }

    /** The field's value as text, or null when the body has no such field. */
    public static String read(Object body, String field) {
        if (body == null) {
            return null;
        }
        MethodHandle accessor = ACCESSORS.get(body.getClass()).computeIfAbsent(field, f -> accessorOf(body.getClass(), f));
        try {
            Object value = accessor == NONE ? null : accessor.invoke(body);
            return value == null ? null : value.toString();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + field + " of " + body.getClass().getSimpleName(), e);
        }
    }

    private static MethodHandle accessorOf(Class<?> type, String field) {
        if (!type.isRecord()) {
            return NONE;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(field)) {
                try {
                    return MethodHandles.publicLookup().unreflect(component.getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return NONE;
    }
}
