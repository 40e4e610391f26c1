package io.crystalbus.observe.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One alert rule of {@code crystal.alerts.file}: it fires when the meter's statistic stays above the
 * threshold for {@code for}, and resolves when it falls back.
 *
 * @param meter     the Micrometer meter name, e.g. {@code crystal.settlement.duration}
 * @param where     tags a meter must have to count (all meters of the name when empty)
 * @param statistic {@code value} (gauge value or counter count, the largest), {@code max}, {@code p50},
 *                  {@code p99}, {@code p999} (timers, in seconds), {@code increase} (counters over
 *                  {@code window}), {@code ratio} (increase of the meters matching {@code where} over the
 *                  increase of all meters of the name, over {@code window})
 * @param above     the threshold, in the meter's base unit (seconds for timers)
 * @param forDuration how long the condition must hold before the alert fires, e.g. {@code 30s}
 * @param window    the look-back of {@code increase} and {@code ratio}, e.g. {@code 1m}
 */
public record AlertRule(String name, String description, String meter, Map<String, String> where, String statistic,
                        double above, @JsonProperty("for") String forDuration, String window) {

    public Map<String, String> whereOrEmpty() {
        return where == null ? Map.of() : where;
    }
}
