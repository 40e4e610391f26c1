package io.crystalbus.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.flow.Flow;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The inbox depths answer also before the inboxes started: the management server answers from the first moment. */
class InboxMonitorTest {

    @Test
    void anInboxThatHasNotStartedYetIsEmptyNotAnError() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties inboxes = new Properties();
            for (Flow flow : Flow.all()) {
                inboxes.setProperty(flow.inboxProperty(), "seda:" + flow.id() + "?size=10");
            }
            context.getPropertiesComponent().setInitialProperties(inboxes);
            InboxMonitor monitor = new InboxMonitor(context);

            // the context is not started: no SEDA endpoint has its queue yet (readiness asked here threw before)
            assertThat(monitor.depth("balance")).isZero();
            assertThat(monitor.fill("balance")).isZero();
            assertThat(monitor.capacity("balance")).isEqualTo(10);
        }
    }
}
