package io.crystalbus.routes;

import java.util.Properties;

/** Settings a route file on the test kit needs besides its endpoints: the shared error handling's, no redelivery. */
final class RouteTestSettings {
    private RouteTestSettings() {
    }

    static Properties withoutRedelivery() {
        Properties properties = new Properties();
        properties.setProperty("crystal.redelivery.maximum", "0");
        properties.setProperty("crystal.redelivery.delay-ms", "0");
        properties.setProperty("crystal.redelivery.backoff-multiplier", "2");
        return properties;
    }
}
