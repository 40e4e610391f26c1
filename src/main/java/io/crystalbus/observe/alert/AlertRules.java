package io.crystalbus.observe.alert;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.util.TimeUtils;

/** The rules file: {@code rules:} followed by a list of {@link AlertRule}. */
public final class AlertRules {
    static final Set<String> STATISTICS = Set.of("value", "max", "p50", "p99", "p999", "increase", "ratio");
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private record File(List<AlertRule> rules) {
    }

    private AlertRules() {
    }

    public static List<AlertRule> read(InputStream in, String source) {
        try {
            File file = YAML.readValue(in, File.class);
            List<AlertRule> rules = file.rules() == null ? List.of() : file.rules();
            Set<String> names = new HashSet<>();
            for (AlertRule rule : rules) {
                check(rule, source);
                if (!names.add(rule.name())) {
                    throw new IllegalArgumentException(source + ": alert rule '" + rule.name() + "' is defined twice");
                }
            }
            return rules;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read alert rules: " + e.getMessage(), e);
        }
    }

    private static void check(AlertRule rule, String source) {
        String where = source + ": alert rule '" + rule.name() + "'";
        if (rule.name() == null || rule.meter() == null || rule.statistic() == null) {
            throw new IllegalArgumentException(where + " needs name, meter and statistic");
        }
        if (!STATISTICS.contains(rule.statistic())) {
            throw new IllegalArgumentException(where + ": statistic must be one of " + STATISTICS);
        }
        if ((rule.statistic().equals("increase") || rule.statistic().equals("ratio")) && rule.window() == null) {
            throw new IllegalArgumentException(where + ": statistic " + rule.statistic() + " needs a window");
        }
        millis(rule.forDuration());
        millis(rule.window());
    }

    /** {@code 30s}, {@code 1m}, {@code 500ms}; null is 0. */
    static long millis(String duration) {
        return duration == null ? 0 : TimeUtils.toMilliSeconds(duration);
    }
}
