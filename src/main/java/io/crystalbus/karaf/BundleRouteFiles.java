package io.crystalbus.karaf;

import io.crystalbus.wiring.RouteFiles;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.osgi.framework.Bundle;

/**
 * The route files shipped in the bundle. Camel's {@code classpath:routes/*.camel.yaml} scan finds nothing inside a
 * bundle (its entries have bundle: URLs, not files or jars), so the bundle lists them; each is then resolved as
 * {@code classpath:routes/<name>}, the same location a standalone bus reports in logs and validate messages.
 */
final class BundleRouteFiles {
    private BundleRouteFiles() {
    }

    static Collection<Resource> list(Bundle bundle, CamelContext context) {
        List<Resource> files = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries("routes", "*" + RouteFiles.SUFFIX, false);
        for (URL entry : entries == null ? List.<URL>of() : Collections.list(entries)) {
            String name = entry.getPath().substring(entry.getPath().lastIndexOf('/') + 1);
            files.add(PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/" + name));
        }
        return files;
    }
}
