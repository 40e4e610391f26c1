package io.crystalbus.support;

import io.crystalbus.codec.CodecLimits;
import io.crystalbus.config.BusSettings;
import io.crystalbus.wiring.settings.InputSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@link BusSettings} as the bus reads them, the jar's {@code application.properties} (every default) with the
 * given values over it, for tests of what reads settings.
 */
public final class TestSettings {
    private TestSettings() {
    }

    public static BusSettings of(Map<String, String> values) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(values);
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(properties);
        return new BusSettings(context.getPropertiesComponent());
    }

    /** The shipped limits on untrusted input. */
    public static CodecLimits codecLimits() {
        return InputSettings.from(of(Map.of())).limits();
    }
}
