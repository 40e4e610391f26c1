package io.crystalbus.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.support.TestSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSettingsTest {

    @Test
    void batchesGatherSeveralMessagesOnlyWhereACrashLosesTheInboxesAnyway() {
        assertThat(BatchSettings.of(TestSettings.of(Map.of()), "balance").acrossMessages()).isTrue();
        assertThat(BatchSettings.of(TestSettings.of(Map.of("crystal.transport", "jms")), "balance").acrossMessages()).isFalse();
        assertThat(BatchSettings.of(TestSettings.of(Map.of("crystal.durable", "true")), "balance").acrossMessages()).isFalse();
        assertThat(BatchSettings.of(TestSettings.of(Map.of()), "balance").maxAgeMillis()).isEqualTo(5);
    }

    @Test
    void aFlowsOwnSettingWinsOverTheDefault() {
        Map<String, String> values = Map.of("crystal.transport", "jms", "crystal.batch.default.max-age-ms", "7",
                "crystal.batch.balance.max-age-ms", "3");
        assertThat(BatchSettings.of(TestSettings.of(values), "balance").maxAgeMillis()).isEqualTo(3);
        assertThat(BatchSettings.of(TestSettings.of(values), "free-play").maxAgeMillis()).isEqualTo(7);
    }

    @Test
    void aBatchThatCouldNeverCompleteIsRefusedAtStart() {
        assertThatThrownBy(() -> BatchSettings.of(TestSettings.of(Map.of("crystal.batch.default.max-age-ms", "0")), "balance"))
                .hasMessageContaining("max-age-ms");
    }
}
