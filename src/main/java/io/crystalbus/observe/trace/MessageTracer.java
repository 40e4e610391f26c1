package io.crystalbus.observe.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.CrystalHeaders;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readable tracing per route ({@code crystal.trace.<route>=true}, or switched at runtime through JMX and the
 * admin API): every message entering a traced route is logged (logger {@code io.crystalbus.trace.<route>}) as
 * a YAML document with its headers and body, fields and headers named in {@code crystal.trace.mask} masked.
 * When a route is not traced, the cost is one volatile read per message.
 */
public final class MessageTracer {
    static final String MASK = FieldMask.MASK;
    private static final Logger LOG = LoggerFactory.getLogger("io.crystalbus.trace");

    private final Map<String, Switch> switches = new ConcurrentHashMap<>();
    private final FieldMask mask;
    private final java.util.function.Predicate<String> tracedAtStart;
    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final Mappers mappers;

    /** A route's on/off, read on every message of the route, and the route's trace logger. */
    static final class Switch {
        final Logger logger;
        volatile boolean on;

        Switch(String routeId) {
            this.logger = LoggerFactory.getLogger("io.crystalbus.trace." + routeId);
        }
    }

    /** @param tracedAtStart whether a route is traced from its start ({@code crystal.trace.<route>}) */
    public MessageTracer(Mappers mappers, Set<String> masked, java.util.function.Predicate<String> tracedAtStart) {
        this.mappers = mappers;
        this.json = mappers.json();
        this.yaml = mappers.forFormat(WireFormat.YAML);
        this.mask = new FieldMask(masked);
        this.tracedAtStart = tracedAtStart;
    }

    /** The route's switch; a route seen for the first time is traced when its setting says so. */
    Switch switchOf(String routeId) {
        return switches.computeIfAbsent(routeId, id -> {
            Switch created = new Switch(id);
            created.on = tracedAtStart.test(id);
            if (created.on) {
                LOG.info("Tracing of route {} is on", id);
            }
            return created;
        });
    }

    public void trace(String routeId, boolean on) {
        switchOf(routeId).on = on;
        LOG.info("Tracing of route {} is {}", routeId, on ? "on" : "off");
    }

    public Set<String> tracedRoutes() {
        return switches.entrySet().stream().filter(e -> e.getValue().on).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    void log(String routeId, Switch traced, Exchange exchange) {
        if (traced.logger.isInfoEnabled()) {
            traced.logger.info("\n{}", render(routeId, exchange.getMessage()));
        }
    }

    /** The message as a YAML document: route, headers (sorted) and body, masked. */
    public String render(String routeId, Message message) {
        ObjectNode document = json.createObjectNode();
        document.put("route", routeId);
        ObjectNode headers = document.putObject("headers");
        new TreeMap<>(message.getHeaders()).forEach((name, value) ->
                headers.set(name, mask.masks(name) ? headers.textNode(MASK) : tree(value)));
        document.set("body", mask(bodyTree(message)));
        try {
            return yaml.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "route: " + routeId + "\nbody: <cannot render: " + e.getOriginalMessage() + ">\n";
        }
    }

    /** An encoded body is decoded by its Content-Type so it reads (and masks) like an object. */
    private JsonNode bodyTree(Message message) {
        Object body = message.getBody();
        if (body instanceof byte[] bytes) {
            WireFormat format = WireFormat.forContentType(message.getHeader(CrystalHeaders.CONTENT_TYPE, String.class));
            if (format != null && message.getHeader(CrystalHeaders.CONTENT_ENCODING) == null) {
                try {
                    return mappers.forFormat(format).readTree(bytes);
                } catch (java.io.IOException e) {
                    return json.getNodeFactory().textNode("<" + bytes.length + " bytes, not readable as " + format + ">");
                }
            }
            return json.getNodeFactory().textNode("<" + bytes.length + " bytes>");
        }
        if (body instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof Message) {
            var array = json.createArrayNode();
            list.forEach(item -> array.add(tree(((Message) item).getBody())));
            return array;
        }
        return tree(body);
    }

    private JsonNode tree(Object value) {
        try {
            return json.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return json.getNodeFactory().textNode(String.valueOf(value));
        }
    }

    private JsonNode mask(JsonNode node) {
        return mask.mask(node);
    }
}
