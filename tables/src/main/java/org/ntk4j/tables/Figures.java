package org.ntk4j.tables;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ntk4j.io.AtomicOutput;

/**
 * Small XChart helpers shared by the table/figure generators: line charts with labelled axes and a legend, heat
 * maps, and writing a chart as SVG and PNG together (through {@link AtomicOutput}). Runs headless.
 */
public final class Figures {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Figures() {
    }

    /** One curve of a line chart. */
    public record Series(String name, double[] x, double[] y) {
    }

    /**
     * A line chart with markers. With {@code logY}, points whose y is not positive are left out (a log axis cannot
     * show them) — the caption of the accompanying table says so.
     */
    public static XYChart lineChart(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler.LegendPosition position = Styler.LegendPosition.OutsideE;
        chart.getStyler().setLegendPosition(position);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setAxisTitlesVisible(true);
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i]) && (!logY || s.y()[i] > 0)) {
                    xs.add(s.x()[i]);
                    ys.add(s.y()[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries xy = chart.addSeries(s.name(), xs, ys);
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** A heat map of values[iy][ix] over the labelled grid, the value printed in each cell. */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, List<String> xTicks,
                                       List<String> yTicks, double[][] values, String valuePattern) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern(valuePattern);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setRangeColors(new Color[] {new Color(0x9e, 0x9a, 0xc8), new Color(0x5e, 0xb8, 0xd0),
                new Color(0x9e, 0xd9, 0x5a), new Color(0xf7, 0xe2, 0x25)});
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Number[]> cells = new ArrayList<>();
        for (int iy = 0; iy < values.length; iy++) {
            for (int ix = 0; ix < values[iy].length; ix++) {
                cells.add(new Number[] {ix, iy, values[iy][ix]});
                min = Math.min(min, values[iy][ix]);
                max = Math.max(max, values[iy][ix]);
            }
        }
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max > min ? max : min + 1e-12);
        chart.addSeries(title, xTicks, yTicks, cells);
        return chart;
    }

    /** Writes {@code base}.svg and {@code base}.png (both appear on {@link AtomicOutput#commit()}). */
    public static void save(Chart<?, ?> chart, Path base, AtomicOutput out) throws IOException {
        Path dir = base.toAbsolutePath().getParent();
        String name = base.getFileName().toString();
        out.write(dir.resolve(name + ".svg"),
                s -> VectorGraphicsEncoder.saveVectorGraphic(chart, s, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        out.write(dir.resolve(name + ".png"), s -> BitmapEncoder.saveBitmap(chart, s, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Convenience for generators: a map of series names to (x, y). */
    public static List<Series> series(Map<String, double[][]> curves) {
        List<Series> out = new ArrayList<>();
        curves.forEach((name, xy) -> out.add(new Series(name, xy[0], xy[1])));
        return out;
    }
}
