package io.tanhe.server.report.document;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;

import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;

/** Turns a {@link Block.Chart} into a JFreeChart drawn in the report's font, plain and printable. */
final class Charts {
    /** Colours that stay distinct when printed in grey. */
    private static final Color[] PALETTE = {new Color(0x1f4e79), new Color(0xc55a11), new Color(0x548235),
            new Color(0x7f6000), new Color(0x7030a0), new Color(0x2e75b6), new Color(0xa6a6a6), new Color(0xbf9000)};

    private Charts() {
    }

    static JFreeChart create(Block.Chart c, Font base) {
        StandardChartTheme theme = new StandardChartTheme("tanhe");
        theme.setExtraLargeFont(base.deriveFont(Font.PLAIN, 13f));
        theme.setLargeFont(base.deriveFont(Font.PLAIN, 11f));
        theme.setRegularFont(base.deriveFont(Font.PLAIN, 9f));
        theme.setSmallFont(base.deriveFont(Font.PLAIN, 8f));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xd9d9d9));
        theme.setRangeGridlinePaint(new Color(0xd9d9d9));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        JFreeChart chart;
        if (c.kind() == Block.ChartKind.PIE) {
            DefaultPieDataset<String> data = new DefaultPieDataset<>();
            for (int i = 0; i < c.categories().size(); i++) {
                data.setValue(c.categories().get(i), c.series().get(0).values().get(i));
            }
            chart = new JFreeChart(c.title(), base.deriveFont(13f), new PiePlot<>(data), true);
            theme.apply(chart);
            @SuppressWarnings("unchecked")
            PiePlot<String> plot = (PiePlot<String>) chart.getPlot();
            plot.setOutlineVisible(false);
            plot.setShadowPaint(null);
            plot.setLabelBackgroundPaint(Color.WHITE);
            plot.setLabelShadowPaint(null);
            plot.setLabelOutlinePaint(new Color(0xbfbfbf));
            plot.setLabelGenerator(new org.jfree.chart.labels.StandardPieSectionLabelGenerator("{0} {2}",
                    new DecimalFormat("#,##0.0"), new DecimalFormat("0.0%")));
            for (int i = 0; i < c.categories().size(); i++) {
                plot.setSectionPaint(c.categories().get(i), PALETTE[i % PALETTE.length]);
            }
            return chart;
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Block.Series s : c.series()) {
            for (int i = 0; i < c.categories().size(); i++) {
                data.addValue(s.values().get(i), s.name(), c.categories().get(i));
            }
        }
        chart = switch (c.kind()) {
            case STACKED_BAR -> org.jfree.chart.ChartFactory.createStackedBarChart(c.title(), null, c.unit(), data,
                    PlotOrientation.VERTICAL, true, false, false);
            case BAR -> org.jfree.chart.ChartFactory.createBarChart(c.title(), null, c.unit(), data, PlotOrientation.VERTICAL,
                    true, false, false);
            case LINE -> org.jfree.chart.ChartFactory.createLineChart(c.title(), null, c.unit(), data, PlotOrientation.VERTICAL,
                    true, false, false);
            case PIE -> throw new IllegalStateException("handled above");
        };
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOutlineVisible(false);
        CategoryAxis axis = plot.getDomainAxis();
        int longest = c.categories().stream().mapToInt(String::length).max().orElse(0);
        if (c.categories().size() * (longest + 2) > 100) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        axis.setMaximumCategoryLabelLines(2);
        for (int i = 0; i < c.series().size(); i++) {
            plot.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        if (plot.getRenderer() instanceof BarRenderer bars) {
            bars.setMaximumBarWidth(0.08);
            bars.setItemMargin(0.02);
        }
        return chart;
    }
}
