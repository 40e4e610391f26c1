package io.crystalbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(SideBySide.medianOf(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(SideBySide.medianOf(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(SideBySide.medianOf(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void medianOfWindowsReadsTheChosenFigure() {
        List<FlowLoad.Window> windows = List.of(
                new FlowLoad.Window(100, 1.0, 100.0, 30.0, 0, 0, 0, null, java.util.Map.of()),
                new FlowLoad.Window(300, 1.0, 300.0, 10.0, 0, 0, 0, null, java.util.Map.of()),
                new FlowLoad.Window(200, 1.0, 200.0, 20.0, 0, 0, 0, null, java.util.Map.of()));
        assertThat(SideBySide.median(windows, FlowLoad.Window::perSecond)).isEqualTo(200.0);
        assertThat(SideBySide.median(windows, FlowLoad.Window::cpuMicrosPerMessage)).isEqualTo(20.0);
    }
}
