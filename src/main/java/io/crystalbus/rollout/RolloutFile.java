package io.crystalbus.rollout;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional flags file ({@code crystal.rollout.file}): a YAML map of flow to {@link RolloutUpdate}, applied
 * at start and again whenever the file changes (checked every second). A file that does not read, or names a
 * wrong value, is refused as a whole with a log line, and the flags stay as they were.
 */
public final class RolloutFile extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutFile.class);
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final CamelContext context;
    private final Path file;
    private final RolloutFlags flags;
    private ScheduledExecutorService executor;
    private FileTime applied;
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile String lastRefusal;

    public RolloutFile(CamelContext context, Path file, RolloutFlags flags) {
        this.context = context;
        this.file = file;
        this.flags = flags;
    }

    @Override
    protected void doStart() {
        reloadIfChanged();
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "crystal-rollout-file");
        executor.scheduleWithFixedDelay(this::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdown(executor);
        }
    }

    synchronized void reloadIfChanged() {
        try {
            if (!Files.isRegularFile(file)) {
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(applied)) {
                return;
            }
            applied = modified;
            Map<String, RolloutUpdate> updates = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, RolloutUpdate>>() { });
            Map<String, RolloutState> next = new LinkedHashMap<>();
            for (Map.Entry<String, RolloutUpdate> update : updates.entrySet()) {
                next.put(update.getKey(), update.getValue().applyTo(flags.get(update.getKey())));
            }
            next.forEach(flags::set);
            LOG.info("Rollout flags from {}: {}", file, next);
        } catch (Exception e) {
            LOG.error("Rollout flags file {} refused, flags unchanged: {}", file, e.getMessage());
            lastRefusal = e.getMessage();
            refusals.incrementAndGet();
        }
    }

    /** How many versions of the file were refused since the start. */
    public int refusals() {
        return refusals.get();
    }

    /** Why the last version was refused, if one was. */
    public Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }
}
