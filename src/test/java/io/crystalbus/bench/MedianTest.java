package io.crystalbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(MetricsOverheadBench.medianOf(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(MetricsOverheadBench.medianOf(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(MetricsOverheadBench.medianOf(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void medianOfWindowsReadsTheChosenFigure() {
        List<SettlementLoad.Window> windows = List.of(
                new SettlementLoad.Window(100, 1.0, 100.0, 30.0, 0),
                new SettlementLoad.Window(300, 1.0, 300.0, 10.0, 0),
                new SettlementLoad.Window(200, 1.0, 200.0, 20.0, 0));
        assertThat(MetricsOverheadBench.median(windows, SettlementLoad.Window::perSecond)).isEqualTo(200.0);
        assertThat(MetricsOverheadBench.median(windows, SettlementLoad.Window::cpuMicrosPerMessage)).isEqualTo(20.0);
    }
}
