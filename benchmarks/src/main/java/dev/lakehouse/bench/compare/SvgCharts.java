package dev.lakehouse.bench.compare;

import java.util.List;
import java.util.Locale;

/**
 * The two charts of the comparison as plain SVG: throughput bars with every run, and freshness
 * distributions.
 */
final class SvgCharts {
  private static final String[] COLORS = {
    "#7f7f7f", "#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd"
  };
  private static final int WIDTH = 760;
  private static final int HEIGHT = 420;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;

  private SvgCharts() {}

  /**
   * One bar per runner at its median records/s, a whisker from its slowest to its fastest run, a
   * dot per run.
   */
  static String throughput(List<RunnerSummary> summaries) {
    double max =
        summaries.stream().mapToDouble(RunnerSummary::maxRecordsPerSecond).max().orElse(1) * 1.15;
    StringBuilder svg =
        header("Throughput: source records/s into committed files (median, every run as a dot)");
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    axisY(svg, max, plotHeight, "records/s");
    double slot = (double) plotWidth / Math.max(1, summaries.size());
    for (int i = 0; i < summaries.size(); i++) {
      RunnerSummary s = summaries.get(i);
      double x = LEFT + slot * i + slot * 0.2;
      double barWidth = slot * 0.6;
      double y = TOP + plotHeight - s.medianRecordsPerSecond() / max * plotHeight;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' opacity='0.8'/>%n",
              x,
              y,
              barWidth,
              TOP + plotHeight - y,
              COLORS[i % COLORS.length]));
      double center = x + barWidth / 2;
      double yMin = TOP + plotHeight - s.minRecordsPerSecond() / max * plotHeight;
      double yMax = TOP + plotHeight - s.maxRecordsPerSecond() / max * plotHeight;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='black'/>%n",
              center,
              yMin,
              center,
              yMax));
      for (RunResult run : s.runs()) {
        double yRun = TOP + plotHeight - run.recordsPerSecond() / max * plotHeight;
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx='%.1f' cy='%.1f' r='3' fill='black'/>%n",
                center + 8,
                yRun));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%.1f' y='%.1f' text-anchor='middle' font-size='12'>%,.0f</text>%n",
              center,
              yMax - 6,
              s.medianRecordsPerSecond()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%.1f' y='%d' text-anchor='middle' font-size='12'>%s</text>%n",
              center,
              TOP + plotHeight + 20,
              s.runner()));
    }
    return svg.append("</svg>\n").toString();
  }

  /** The share of live records visible within t seconds, per runner, t on a log scale. */
  static String freshness(List<RunnerSummary> summaries) {
    List<RunnerSummary> withData = summaries.stream().filter(RunnerSummary::hasFreshness).toList();
    StringBuilder svg =
        header(
            "Freshness: share of live records in a committed snapshot within t (produce → commit)");
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    double minSeconds = 0.1;
    double maxSeconds =
        Math.max(
                10,
                withData.stream()
                    .mapToDouble(
                        s -> {
                          long[] f = s.pooledFreshness();
                          return f[f.length - 1] / 1e3;
                        })
                    .max()
                    .orElse(10))
            * 1.2;
    double logMin = Math.log10(minSeconds);
    double logRange = Math.log10(maxSeconds) - logMin;
    for (double tick = minSeconds; tick <= maxSeconds; tick *= 10) {
      double x = LEFT + (Math.log10(tick) - logMin) / logRange * plotWidth;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#ddd'/>%n",
              x,
              TOP,
              x,
              TOP + plotHeight));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%s s</text>%n",
              x,
              TOP + plotHeight + 16,
              tick < 1
                  ? String.format(Locale.ROOT, "%.1f", tick)
                  : String.format(Locale.ROOT, "%.0f", tick)));
    }
    for (int p = 0; p <= 100; p += 25) {
      double y = TOP + plotHeight - p / 100.0 * plotHeight;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n",
              LEFT,
              y,
              LEFT + plotWidth,
              y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%d %%</text>%n",
              LEFT - 6,
              y + 4,
              p));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x='%d' y='%d' text-anchor='middle' font-size='12'>seconds from produce to commit (log scale)</text>%n",
            LEFT + plotWidth / 2,
            TOP + plotHeight + 40));
    for (int i = 0; i < withData.size(); i++) {
      RunnerSummary s = withData.get(i);
      long[] f = s.pooledFreshness();
      StringBuilder points = new StringBuilder();
      int steps = 200;
      for (int k = 0; k <= steps; k++) {
        int index = (int) Math.min(f.length - 1, (long) k * (f.length - 1) / steps);
        double seconds = Math.max(minSeconds, f[index] / 1e3);
        double x = LEFT + (Math.log10(seconds) - logMin) / logRange * plotWidth;
        double y = TOP + plotHeight - (index + 1.0) / f.length * plotHeight;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      String color = COLORS[(summaries.indexOf(s)) % COLORS.length];
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'/>%n",
              points.toString().trim(),
              color));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x='%d' y='%d' width='12' height='12' fill='%s'/>%n",
              LEFT + 10,
              TOP + 10 + i * 18,
              color));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%d' y='%d' font-size='12'>%s: p50 %.1f s, p99 %.1f s</text>%n",
              LEFT + 28,
              TOP + 20 + i * 18,
              s.runner(),
              s.freshnessSeconds(0.5),
              s.freshnessSeconds(0.99)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='black'/>%n",
            LEFT,
            TOP,
            plotWidth,
            plotHeight));
    return svg.append("</svg>\n").toString();
  }

  private static StringBuilder header(String title) {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'>%n",
            WIDTH,
            HEIGHT));
    svg.append(
        String.format(Locale.ROOT, "<rect width='%d' height='%d' fill='white'/>%n", WIDTH, HEIGHT));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x='%d' y='28' text-anchor='middle' font-size='15'>%s</text>%n",
            WIDTH / 2,
            escape(title)));
    return svg;
  }

  private static void axisY(StringBuilder svg, double max, int plotHeight, String label) {
    int plotWidth = WIDTH - LEFT - RIGHT;
    for (int k = 0; k <= 5; k++) {
      double value = max * k / 5;
      double y = TOP + plotHeight - (double) k / 5 * plotHeight;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n",
              LEFT,
              y,
              LEFT + plotWidth,
              y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%,.0f</text>%n",
              LEFT - 6,
              y + 4,
              value));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x='20' y='%d' font-size='12' transform='rotate(-90 20 %d)' text-anchor='middle'>%s</text>%n",
            TOP + plotHeight / 2,
            TOP + plotHeight / 2,
            label));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
