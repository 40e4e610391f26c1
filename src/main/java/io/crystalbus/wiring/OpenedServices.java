package io.crystalbus.wiring;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the assembly opened before the context started (the store's pool, the journals, the broker), in order,
 * to stop after a start that failed: Camel Main does not stop a context whose start failed, and a broker or
 * connection pool left open would hold its files (and, in Karaf, the bundle's class loader) until the JVM ends.
 */
final class OpenedServices {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedServices.class);
    private final List<Service> opened = new ArrayList<>();

    void add(Service service) {
        opened.add(service);
    }

    /** Stops them newest first. */
    void stopAll() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).stop();
            } catch (Exception e) {
                LOG.warn("Could not stop {} after a failed start: {}", opened.get(i), e.getMessage());
            }
        }
        opened.clear();
    }
}
