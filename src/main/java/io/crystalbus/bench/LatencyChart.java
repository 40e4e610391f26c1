package io.crystalbus.bench;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG bar chart of the end-to-end latency percentiles (p50, p99, p99.9) per mode and fixed rate,
 * on a logarithmic axis from 1 us to 10 s. Drawn by hand: a few rectangles do not justify a charting library.
 */
final class LatencyChart {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759"};
    private static final String[] LABELS = {"p50", "p99", "p99.9"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int BOTTOM = 50;
    private static final int TOP = 40;
    private static final double DECADES = 7;

    private LatencyChart() {
    }

    static String svg(List<BenchReport.Row> rows) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        boolean oneRate = rows.stream().map(BenchReport.Row::load).distinct().count() == 1;
        String title = rows.isEmpty() ? "no fixed-rate runs"
                : "Settlement end to end at " + (oneRate ? rows.get(0).load() : "fixed rates") + " (log scale)";
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT, title));
        int plotHeight = HEIGHT - TOP - BOTTOM;
        String[] units = {"1 us", "10 us", "100 us", "1 ms", "10 ms", "100 ms", "1 s", "10 s"};
        for (int decade = 0; decade <= DECADES; decade++) {
            double y = TOP + plotHeight - plotHeight * decade / DECADES;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, WIDTH - 10, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, units[decade]));
        }
        int groupWidth = rows.isEmpty() ? 0 : (WIDTH - LEFT - 20) / rows.size();
        for (int i = 0; i < rows.size(); i++) {
            BenchReport.Row row = rows.get(i);
            String label = oneRate ? row.mode() : row.mode() + " @ " + row.load();
            double[] values = {row.p50Micros(), row.p99Micros(), row.p999Micros()};
            int x0 = LEFT + i * groupWidth + groupWidth / 6;
            int bar = groupWidth * 2 / 9;
            for (int p = 0; p < values.length; p++) {
                double height = plotHeight * Math.min(DECADES, Math.max(0, Math.log10(Math.max(1, values[p])))) / DECADES;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %,.0f us</title></rect>%n",
                        x0 + p * bar, TOP + plotHeight - height, bar - 2, height, COLORS[p], label, LABELS[p], values[p]));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x0 + bar * 3 / 2, HEIGHT - BOTTOM + 18, label));
        }
        for (int p = 0; p < LABELS.length; p++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    WIDTH - 220 + p * 70, HEIGHT - 20, COLORS[p], WIDTH - 204 + p * 70, HEIGHT - 10, LABELS[p]));
        }
        return svg.append("</svg>\n").toString();
    }
}
