package org.rollcall.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;

/** One look for every chart of the workbench: white plot, light grid, two colours that print and read in grey. */
final class ChartStyle {

    /** Dark blue, orange, then grey and teal for further series. */
    static final Color[] SERIES = {new Color(0x1F4E79), new Color(0xE07B39), new Color(0x7F7F7F), new Color(0x2A9D8F)};
    static final Color GRID = new Color(0xD9D9D9);

    private ChartStyle() {
    }

    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
            category.setRangeGridlineStroke(new BasicStroke(1f));
            if (category.getRenderer() instanceof BarRenderer bars) {
                bars.setBarPainter(new StandardBarPainter());
                bars.setShadowVisible(false);
                bars.setItemMargin(0.05);
            }
            for (int i = 0; i < SERIES.length; i++) {
                category.getRenderer().setSeriesPaint(i, SERIES[i]);
            }
        } else if (plot instanceof XYPlot xy) {
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlinePaint(GRID);
            for (int i = 0; i < SERIES.length; i++) {
                xy.getRenderer().setSeriesPaint(i, SERIES[i]);
            }
        }
        return chart;
    }
}
