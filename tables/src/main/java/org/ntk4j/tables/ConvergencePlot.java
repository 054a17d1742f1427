package org.ntk4j.tables;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Log-log plots of kernel error against hidden width with an n^(−1/2) reference line (XChart; SVG or PNG by the
 * file name's extension).
 */
public final class ConvergencePlot {

    /** One curve: errors at widths, with optional standard errors (error bars; null for none). */
    public record Curve(int[] widths, double[] errors, double[] standardErrors) {
    }

    private ConvergencePlot() {
    }

    /**
     * The chart: one series per curve (markers and lines), plus the reference line c·n^(−1/2) through the first
     * curve's geometric-mean point.
     */
    public static XYChart chart(String title, Map<String, Curve> curves) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title)
                .xAxisTitle("hidden width n").yAxisTitle("relative Frobenius error ||K_n - K||_F / ||K||_F").build();
        Styler s = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        int minWidth = Integer.MAX_VALUE;
        int maxWidth = 0;
        Curve anchor = null;
        for (Map.Entry<String, Curve> e : curves.entrySet()) {
            Curve c = e.getValue();
            double[] x = new double[c.widths().length];
            boolean bars = c.standardErrors() != null;
            for (int i = 0; i < x.length; i++) {
                x[i] = c.widths()[i];
                minWidth = Math.min(minWidth, c.widths()[i]);
                maxWidth = Math.max(maxWidth, c.widths()[i]);
                // An error bar reaching 0 cannot be drawn on a log axis.
                bars = bars && c.errors()[i] - c.standardErrors()[i] > 0;
            }
            XYSeries series = bars ? chart.addSeries(e.getKey(), x, c.errors(), c.standardErrors())
                    : chart.addSeries(e.getKey(), x, c.errors());
            series.setMarker(SeriesMarkers.CIRCLE);
            if (anchor == null) {
                anchor = c;
            }
        }
        if (anchor != null && minWidth < maxWidth) {
            double logSum = 0;
            double logWidth = 0;
            for (int i = 0; i < anchor.widths().length; i++) {
                logSum += Math.log(anchor.errors()[i]);
                logWidth += Math.log(anchor.widths()[i]);
            }
            int m = anchor.widths().length;
            double c = Math.exp(logSum / m + 0.5 * logWidth / m);
            XYSeries ref = chart.addSeries("reference c n^(-1/2)", new double[] {minWidth, maxWidth},
                    new double[] {c / Math.sqrt(minWidth), c / Math.sqrt(maxWidth)});
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
            ref.setLineColor(java.awt.Color.GRAY);
        }
        return chart;
    }

    /** "svg" or "png" from a file name, or an IllegalArgumentException. */
    public static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            return "svg";
        }
        if (name.endsWith(".png")) {
            return "png";
        }
        throw new IllegalArgumentException("plot file " + file + " must end in .svg or .png");
    }

    /** Writes the chart as SVG or PNG. */
    public static void write(XYChart chart, String format, OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (format.equals("svg")) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } else {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        out.flush();
    }
}
