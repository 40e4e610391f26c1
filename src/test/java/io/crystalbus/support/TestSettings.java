package io.crystalbus.support;

import io.crystalbus.wiring.BusSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;

/** {@link BusSettings} over the given properties only, for tests of what reads settings. */
public final class TestSettings {
    private TestSettings() {
    }

    public static BusSettings of(Map<String, String> values) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(values);
        context.getPropertiesComponent().setInitialProperties(properties);
        return new BusSettings(context.getPropertiesComponent());
    }
}
