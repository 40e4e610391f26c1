package io.crystalbus.wiring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.spi.Resource;

/**
 * The route files to load: the shipped ones, each replaced by a file of the same name in the integrators'
 * directory ({@code crystal.routes.dir}), plus any other file there. Sorted by name so the load order is
 * the same everywhere.
 */
public final class RouteFiles {
    public static final String SUFFIX = ".camel.yaml";

    private RouteFiles() {
    }

    public static List<Resource> merge(Collection<Resource> shipped, Collection<Resource> overrides) {
        Map<String, Resource> byName = new TreeMap<>();
        shipped.forEach(r -> byName.put(fileName(r), r));
        overrides.forEach(r -> byName.put(fileName(r), r));
        return new ArrayList<>(byName.values());
    }

    public static String fileName(Resource resource) {
        String location = resource.getLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
