package io.crystalbus.integrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.observe.trace.MessageTracer;
import io.crystalbus.observe.trace.TracingJmx;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ObjectName;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/** Readable tracing: a traced route logs each message as YAML with masked fields; off by default, switchable. */
class TracingTest {

    /** Collects what one logger writes. */
    private static final class Captured extends AbstractAppender implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Logger logger;

        Captured(String loggerName) {
            super("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
            this.logger = (Logger) LogManager.getLogger(loggerName);
            start();
            logger.addAppender(this);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
        }

        @Override
        public void close() {
            logger.removeAppender(this);
            stop();
        }
    }

    @Test
    void aTracedRouteLogsEachMessageAsYamlWithTheSensitiveFieldsMasked() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.trace.balance", "true", "crystal.trace.mask", "customerId, reference"));
             Captured balance = new Captured("io.crystalbus.trace.balance");
             Captured settlement = new Captured("io.crystalbus.trace.settlement")) {
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-tr-1", "C-secret-42")).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> !balance.lines.isEmpty());
            String document = balance.lines.get(0);
            assertThat(document).contains("route: balance\n", "CrystalMessageId: wager.settled:W-tr-1/balance\n",
                    "CrystalType: balance.adjust\n", "amount: 2500\n", "customerId: '***'\n", "reference: '***'\n");
            assertThat(document).doesNotContain("C-secret-42", "reference: W-tr-1");
            // not traced: settlement
            assertThat(settlement.lines).isEmpty();
        }
    }

    @Test
    void tracingIsSwitchedAtRuntimeThroughTheAdminApiAndJmx() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.admin.password", "s3cret"));
             Captured settlement = new Captured("io.crystalbus.trace.settlement")) {
            HttpRequest.Builder on = HttpRequest.newBuilder(bus.uri("/api/v1/admin/trace/settlement"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": true}"));
            assertThat(bus.send(on).statusCode()).isEqualTo(401);
            assertThat(bus.send(on.header("Authorization", RunningBus.basic("admin", "s3cret"))).statusCode()).isEqualTo(200);
            assertThat(bus.send(HttpRequest.newBuilder(bus.uri("/api/v1/admin/trace/no-such-route")).header("Authorization", RunningBus.basic("admin", "s3cret"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": true}"))).statusCode()).isEqualTo(404);
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-tr-2", "C-tr-2")).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> !settlement.lines.isEmpty());
            assertThat(settlement.lines.get(0)).contains("CrystalType: wager.settled\n", "outcome: WIN\n", "customerId: '***'\n",
                    "agentId: '***'\n");

            // off through JMX: nothing more is logged
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(TracingJmx.NAME), "trace",
                    new Object[] {"settlement", false}, new String[] {String.class.getName(), boolean.class.getName()});
            assertThat(bus.bean("tracer", MessageTracer.class).tracedRoutes()).isEmpty();
            int before = settlement.lines.size();
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-tr-3", "C-tr-3")).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/settlements/W-tr-3").statusCode() == 200);
            assertThat(settlement.lines).hasSize(before);
        }
    }
}
