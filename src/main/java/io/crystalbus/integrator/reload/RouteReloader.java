package io.crystalbus.integrator.reload;

import io.crystalbus.integrator.Problem;
import io.crystalbus.integrator.RouteFile;
import io.crystalbus.integrator.RouteValidator;
import io.crystalbus.wiring.CrystalBusRoutes;
import io.crystalbus.wiring.RouteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of the integrators' route files ({@code crystal.routes.reload=true} or {@code --dev}, with
 * {@code crystal.routes.dir}). A changed or added {@code *.camel.yaml} there is checked as {@code validate}
 * checks it, together with the other files as deployed; a file with problems is refused with the same
 * {@code file:line: message} lines and the running routes stay as they were. A clean file replaces the routes
 * its previous version defined ({@link RouteSwap}: nothing queued or in flight is lost). A file that defines
 * more than routes (route configurations, templates, beans) changes routes of other files too, so then every
 * route is reloaded. Deleting a file takes effect at the next start.
 */
public final class RouteReloader extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);
    // editors write a file in more than one step; the reload reads it once they are done
    private static final long SETTLE_MILLIS = 300;

    private final CamelContext context;
    private final Path directory;
    private final RouteSwap swap;
    private final RouteValidator validator = new RouteValidator();
    private final Map<String, Resource> loaded = new TreeMap<>();
    private List<RouteFile> shipped;
    private String lastRefused;
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile Refusal lastRefusal;
    private FileWatcherResourceReloadStrategy watcher;

    public RouteReloader(CamelContext context, Path directory, Duration quietTimeout) {
        this.context = context;
        this.directory = directory.toAbsolutePath();
        this.swap = new RouteSwap(context, quietTimeout);
    }

    @Override
    protected void doStart() throws Exception {
        shipped = RouteValidator.shipped();
        Collection<Resource> inDirectory = new ArrayList<>();
        for (Path file : filesInDirectory()) {
            inDirectory.add(ResourceHelper.resolveResource(context, "file:" + file));
        }
        for (Resource resource : RouteFiles.merge(CrystalBusRoutes.shippedOnClassPath(context), inDirectory)) {
            loaded.put(RouteFiles.fileName(resource), ResourceHelper.fromString(resource.getLocation(), read(resource)));
        }
        watcher = new FileWatcherResourceReloadStrategy(directory.toString());
        watcher.setCamelContext(context);
        watcher.setFileFilter(file -> file.getName().endsWith(RouteFiles.SUFFIX));
        watcher.setResourceReload((name, resource) -> reload(Path.of(name).getFileName().toString()));
        watcher.start();
        LOG.info("Route files in {} are reloaded when they change", directory);
    }

    @Override
    protected void doStop() throws Exception {
        if (watcher != null) {
            watcher.stop();
        }
    }

    /** Checks the file as deployed with the others, then swaps its routes in; refuses it on any problem. */
    synchronized void reload(String name) throws Exception {
        Thread.sleep(SETTLE_MILLIS);
        Path path = directory.resolve(name);
        if (!Files.exists(path)) {
            return;
        }
        String text = Files.readString(path);
        Resource previous = loaded.get(name);
        if (text.equals(lastRefused) || (previous != null && read(previous).equals(text))) {
            return;
        }
        RouteFile changed = RouteFile.read(name, text);
        List<Problem> problems = validator.validate(deployedWith(changed), shipped).problems();
        if (!problems.isEmpty()) {
            LOG.warn("Route file {} refused; the running routes stay as they were:\n  {}", name,
                    String.join("\n  ", problems.stream().map(Problem::toString).toList()));
            lastRefused = text;
            lastRefusal = new Refusal(name, problems.stream().map(Problem::toString).toList());
            refusals.incrementAndGet();
            return;
        }
        Resource updated = ResourceHelper.fromString("file:" + path, text);
        Map<String, Resource> next = new TreeMap<>(loaded);
        next.put(name, updated);
        Set<String> ids;
        if (definesMoreThanRoutes(changed) || (previous != null && definesMoreThanRoutes(RouteFile.read(name, read(previous))))) {
            ids = swap.swap(context.getRoutes().stream().map(Route::getRouteId).toList(),
                    List.copyOf(next.values()), List.copyOf(loaded.values()));
        } else {
            ids = swap.swap(routesOf(name), List.of(updated), previous == null ? List.of() : List.of(previous));
        }
        loaded.put(name, updated);
        LOG.info("Route file {} reloaded: {} routes {}", name, ids.size(), ids);
    }

    /** A file refused: its name and the problems found, as {@code validate} prints them. */
    public record Refusal(String file, List<String> problems) {
    }

    /** How many changed files were refused since the start. */
    public int refusals() {
        return refusals.get();
    }

    /** The last file refused, if any. */
    public Optional<Refusal> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** The files of the directory as they would be deployed, {@code changed} in place of its namesake. */
    private List<RouteFile> deployedWith(RouteFile changed) throws IOException {
        List<RouteFile> files = new ArrayList<>();
        for (Path file : filesInDirectory()) {
            if (!file.getFileName().toString().equals(changed.name())) {
                files.add(RouteFile.read(file));
            }
        }
        files.add(changed);
        return files;
    }

    private List<String> routesOf(String fileName) {
        List<String> ids = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getSourceResource() != null && fileName.equals(RouteFiles.fileName(route.getSourceResource()))) {
                ids.add(route.getRouteId());
            }
        }
        return ids;
    }

    private static boolean definesMoreThanRoutes(RouteFile file) {
        if (file.tree() == null) {
            return false;
        }
        for (var item : file.tree()) {
            if (!item.has("route")) {
                return true;
            }
        }
        return false;
    }

    private List<Path> filesInDirectory() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(RouteFiles.SUFFIX)).sorted().toList();
        }
    }

    private static String read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
