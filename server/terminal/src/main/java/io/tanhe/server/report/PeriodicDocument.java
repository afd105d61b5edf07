package io.tanhe.server.report;

import io.tanhe.server.store.QaRecord;

import io.tanhe.engine.model.EmissionClass;
import io.tanhe.server.report.document.Block;
import io.tanhe.server.report.document.Block.Cell;
import io.tanhe.server.report.document.Block.Column;
import io.tanhe.server.report.document.Block.Number;
import io.tanhe.server.report.document.Block.Text;
import io.tanhe.server.report.document.ReportDocument;
import io.tanhe.server.report.document.Section;
import io.tanhe.server.site.SiteIdentity;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The periodic report (section 7.2.3 (3)) as a printable document: the totals and intensities over the
 * range, emissions by class and by source with their shares, each bucket with a chart, and the quality
 * and completeness of every figure.
 */
public final class PeriodicDocument {
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int DIGITS = 3;

    private PeriodicDocument() {
    }

    /** The document of {@code report} for {@code identity}, generated at {@code generated}. */
    public static ReportDocument of(Report report, SiteIdentity identity, Instant generated) {
        ReportSummary summary = ReportSummary.of(report);
        String period = LOCAL.format(report.range().from().atZone(report.zone())) + " 至 "
                + LOCAL.format(report.range().to().atZone(report.zone())) + "（" + report.zone().getId() + "）";
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("报告信息 Report details", "信息", List.of(new Block.Facts(List.of(
                new Block.Fact("企业名称", identity.enterprise()),
                new Block.Fact("统一社会信用代码", identity.enterpriseId()),
                new Block.Fact("站点", identity.siteName() + "（" + identity.siteId() + "）"),
                new Block.Fact("核算方法", report.methodology().id() + " " + report.methodology().version()),
                new Block.Fact("方法内容哈希", report.methodology().contentHash()),
                new Block.Fact("统计期间", period),
                new Block.Fact("统计粒度", report.grain().labelZh() + "（" + report.grain().label() + "），共 " + summary.buckets() + " 个时段"),
                new Block.Fact("生成时间", LOCAL.format(generated.atZone(report.zone()))))))));
        sections.add(totals(summary));
        sections.add(byClass(summary));
        sections.add(bySource(summary));
        sections.add(buckets(report, summary));
        sections.add(quality(summary));
        if (!report.methods().rows().isEmpty() || !report.methods().qa().isEmpty()) {
            sections.add(methods(report));
        }
        if (!report.findings().isEmpty()) {
            sections.add(FindingsSection.of(report.findings(), report.zone()));
        }
        return new ReportDocument("碳排放统计报告", identity.enterprise() + " · " + identity.siteName() + " · " + period, sections);
    }

    static Section totals(ReportSummary summary) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ReportSummary.Line l : summary.totals()) {
            rows.add(row(l.title() + "（" + l.label() + "）", l, DIGITS));
        }
        for (ReportSummary.Line l : summary.production()) {
            rows.add(row(l.title() + "（" + l.label() + "）", l, DIGITS));
        }
        for (ReportSummary.Line l : summary.intensities()) {
            rows.add(row(l.title() + "（" + l.label() + "）", l, 4));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Table("", List.of(new Column("项目", "", 4), new Column("数值", "", 2), new Column("单位", "", 1.2f),
                new Column("数据质量", "", 1.3f), new Column("完整率", "", 1.1f)), rows));
        blocks.add(new Block.Paragraph(summary.intensities().isEmpty()
                ? "所用核算方法未声明产量与排放强度节点，故本期无排放强度。"
                : "排放强度按本期排放量之和除以本期产量之和计算（非各时段强度的平均值）。"));
        return new Section("排放总量与强度 Totals and intensity", "汇总", blocks);
    }

    /** A bucket as people name it: 2026-06-01 08:00, 2026-06-01, 2026-W23, 2026-06, 2026-Q2, 2026. */
    static String bucketName(ReportGrain grain, Instant start, java.time.ZoneId zone) {
        var local = start.atZone(zone);
        return switch (grain) {
            case MINUTE, FIFTEEN_MINUTES, HOUR -> LOCAL.format(local);
            case DAY -> DateTimeFormatter.ISO_LOCAL_DATE.format(local);
            case WEEK -> DateTimeFormatter.ISO_LOCAL_DATE.format(local) + " 周";
            case MONTH -> DateTimeFormatter.ofPattern("yyyy-MM").format(local);
            case QUARTER -> local.getYear() + "-Q" + ((local.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(local.getYear());
        };
    }

    /** A number as written, without grouping or trailing zeros (a lab value 0.5231). */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static List<Cell> row(String name, ReportSummary.Line l, int digits) {
        return List.of(new Text(name), Number.of(l.value(), digits), new Text(l.unit()), new Text(Labels.quality(l.quality())),
                Number.percent(l.completeness()));
    }

    static Section byClass(ReportSummary summary) {
        double all = summary.headline().map(ReportSummary.Line::value).orElse(0.0);
        List<List<Cell>> rows = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        summary.byClass().forEach((c, v) -> {
            rows.add(List.of(new Text(Labels.emissionClass(c)), new Text(c.keyword()), new Text(Labels.scope(c.defaultScope())),
                    Number.of(v, DIGITS), Number.percent(all == 0 ? 0 : v / all)));
            if (!c.isDeduction() && v > 0) {
                categories.add(Labels.emissionClass(c));
                values.add(v);
            }
        });
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Table("", List.of(new Column("排放类别", "", 2), new Column("代码", "", 2.2f), new Column("范围", "", 1.2f),
                new Column("排放量", "tCO2", 1.8f), new Column("占总量", "%", 1.2f)), rows));
        if (!values.isEmpty()) {
            blocks.add(new Block.Chart(Block.ChartKind.PIE, "排放结构（按类别）", "tCO2", categories,
                    List.of(new Block.Series("排放量", values))));
        }
        return new Section("按排放类别 By class", "按类别", blocks);
    }

    static Section bySource(ReportSummary summary) {
        double all = summary.headline().map(ReportSummary.Line::value).orElse(0.0);
        List<List<Cell>> rows = new ArrayList<>();
        for (ReportSummary.Line l : summary.sources()) {
            rows.add(List.of(new Text(l.title()), new Text(l.label()), new Text(Labels.emissionClass(l.emissionClass())),
                    Number.of(l.value(), DIGITS), Number.percent(all == 0 ? 0 : l.value() / all),
                    new Text(Labels.quality(l.quality())), Number.percent(l.completeness())));
        }
        return new Section("按排放源 By source", "按排放源", List.of(new Block.Table("", List.of(new Column("排放源", "", 2.4f),
                new Column("节点", "", 2.6f), new Column("类别", "", 1.6f), new Column("排放量", "tCO2", 1.7f),
                new Column("占比", "%", 1), new Column("质量", "", 1.1f), new Column("完整率", "", 1.1f)), rows)));
    }

    static Section buckets(Report report, ReportSummary summary) {
        List<EmissionClass> classes = new ArrayList<>(summary.byClass().keySet());
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("时段起", "", 2.2f));
        classes.forEach(c -> columns.add(new Column(Labels.emissionClass(c), "tCO2", 1.6f)));
        summary.headline().ifPresent(h -> columns.add(new Column("总量 " + h.label(), h.unit(), 1.6f)));
        summary.intensities().forEach(i -> columns.add(new Column(i.title(), i.unit(), 1.8f)));
        columns.add(new Column("完整率", "", 1.1f));
        List<List<Cell>> rows = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        Map<EmissionClass, List<Double>> series = new LinkedHashMap<>();
        classes.forEach(c -> series.put(c, new ArrayList<>()));
        for (Instant start : ReportSummary.bucketStarts(report)) {
            List<ReportLine> lines = report.buckets().getOrDefault(start, List.of());
            List<ReportLine> measures = report.measures().getOrDefault(start, List.of());
            String when = bucketName(report.grain(), start, report.zone());
            List<Cell> row = new ArrayList<>();
            row.add(new Text(when));
            for (EmissionClass c : classes) {
                double v = lines.stream().filter(l -> !l.total() && l.emissionClass() == c).mapToDouble(l -> l.row().value()).sum();
                row.add(Number.of(v, DIGITS));
                series.get(c).add(v);
            }
            ReportLine headline = summary.headline().flatMap(h -> lines.stream().filter(l -> l.total() && l.label().equals(h.label()))
                    .findFirst()).orElse(null);
            summary.headline().ifPresent(h -> row.add(headline == null ? new Text("—") : Number.of(headline.row().value(), DIGITS)));
            for (ReportSummary.Line i : summary.intensities()) {
                row.add(measures.stream().filter(m -> m.label().equals(i.label())).findFirst()
                        .<Cell>map(m -> Number.of(m.row().value(), 4)).orElse(new Text("—")));
            }
            row.add(headline == null ? Number.percent(0) : Number.percent(headline.row().completeness()));
            rows.add(row);
            categories.add(when.length() > 10 ? when.substring(5) : when);
        }
        List<Block> blocks = new ArrayList<>();
        if (!categories.isEmpty() && !classes.isEmpty()) {
            List<Block.Series> s = new ArrayList<>();
            series.forEach((c, v) -> s.add(new Block.Series(Labels.emissionClass(c), v)));
            blocks.add(new Block.Chart(Block.ChartKind.STACKED_BAR, "各" + report.grain().labelZh() + "排放量（按类别）", "tCO2",
                    categories, s));
        }
        blocks.add(new Block.Table("", columns, rows));
        return new Section("分时段排放 By " + report.grain().label(), "分时段", blocks);
    }

    /**
     * Both methods (docs/cems.md): per compared boundary and bucket the CEMS and the accounting figure,
     * δ, the measured hours' capture rate and substitutions and the finding; then the QA records.
     */
    static Section methods(Report report) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("测量法（CEMS）与核算法对同一边界的排放量逐时段对比：相对偏差 δ =（测量法 − 核算法）/ 核算法，"
                + "超出站点设定界限时给出核查意见。有效数据捕集率按该时段已存储的小时数据计算，替代小时按 HJ 75-2017 规则"
                + "（经二手资料，适用于 CO2 系推断，见 docs/cems.md）。"));
        List<List<Cell>> rows = new ArrayList<>();
        for (BothMethods.Row r : report.methods().rows()) {
            rows.add(List.of(new Text(bucketName(report.grain(), r.start(), report.zone())), new Text(r.pair().measuredTarget()),
                    r.measured().<Cell>map(m -> Number.of(m.value(), DIGITS)).orElse(new Text("—")), new Text(r.pair().accountingTarget()),
                    r.accounted().<Cell>map(a -> Number.of(a.value(), DIGITS)).orElse(new Text("—")),
                    Double.isNaN(r.deviation()) ? new Text("—") : Number.percent(r.deviation()),
                    Double.isNaN(r.captureRate()) ? new Text("—") : Number.percent(r.captureRate()),
                    new Text(r.substituted() + " / " + r.hours()), new Text(r.finding().orElse("—"))));
        }
        blocks.add(new Block.Table("", List.of(new Column("时段", "", 1.6f), new Column("测量法", "", 1.8f), new Column("排放量", "tCO2", 1.4f),
                new Column("核算法", "", 1.8f), new Column("排放量", "tCO2", 1.4f), new Column("偏差 δ", "", 1), new Column("捕集率", "", 1),
                new Column("替代小时", "", 1), new Column("核查意见", "", 4)), rows));
        if (!report.methods().qa().isEmpty()) {
            List<List<Cell>> qa = new ArrayList<>();
            for (QaRecord q : report.methods().qa()) {
                qa.add(List.of(new Text(Labels.qaKind(q.kind())), new Text(q.pointId().isEmpty() ? "全部测点" : q.pointId()),
                        new Text(LOCAL.format(q.from().atZone(report.zone())) + " – " + LOCAL.format(q.to().atZone(report.zone()))),
                        Double.isNaN(q.result()) ? new Text("—") : Number.of(q.result(), 2),
                        Double.isNaN(q.limit()) ? new Text("—") : Number.of(q.limit(), 2),
                        new Text(q.passed().map(p -> p ? "合格" : "不合格").orElse("—")), new Text(q.source()), new Text(q.note())));
            }
            blocks.add(new Block.Paragraph("质量保证记录：校准与维护期间的数据不参与测量法计算（该小时按替代规则处理）。"));
            blocks.add(new Block.Table("", List.of(new Column("类型", "", 1.4f), new Column("测点", "", 1.4f), new Column("期间", "", 3),
                    new Column("结果", "%", 1), new Column("限值", "%", 1), new Column("判定", "", 1), new Column("来源", "", 1.4f),
                    new Column("说明", "", 3)), qa));
        }
        return new Section("测量法与核算法 Both methods", "两种方法", blocks);
    }

    static Section quality(ReportSummary summary) {
        List<List<Cell>> rows = new ArrayList<>();
        List<ReportSummary.Line> all = new ArrayList<>(summary.sources());
        all.addAll(summary.totals());
        all.addAll(summary.production());
        for (ReportSummary.Line l : all) {
            rows.add(List.of(new Text(l.label()), new Text(Labels.quality(l.quality())), Number.percent(l.completeness()),
                    new Text(l.present() + " / " + summary.buckets()), Number.of(l.revision(), 0)));
        }
        return new Section("数据质量与完整性 Quality and completeness", "数据质量", List.of(
                new Block.Paragraph("数据质量取各时段中最弱者（实测 > 备用表/估算 > 人工录入 > 替代 > 缺失）；完整率按时间加权，"
                        + "无结果的时段计为空。修订版本 1 表示从未修订。"),
                new Block.Table("", List.of(new Column("节点", "", 3), new Column("最弱质量", "", 1.4f), new Column("完整率", "", 1.2f),
                        new Column("有结果时段", "", 1.4f), new Column("最高修订版本", "", 1.4f)), rows)));
    }
}
