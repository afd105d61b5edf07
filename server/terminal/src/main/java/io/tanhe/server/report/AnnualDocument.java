package io.tanhe.server.report;

import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.report.document.Block;
import io.tanhe.server.report.document.Block.Cell;
import io.tanhe.server.report.document.Block.Column;
import io.tanhe.server.report.document.Block.Number;
import io.tanhe.server.report.document.Block.Text;
import io.tanhe.server.report.document.ReportDocument;
import io.tanhe.server.report.document.Section;
import io.tanhe.server.site.Meter;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.QualityPlan;
import io.tanhe.server.site.ReportingDetails;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The enterprise greenhouse-gas report for a year in the structure GB/T 32150-2015 gives a report
 * (section 7.2.7): the reporting entity, the boundary and emission sources, emissions by class and
 * the total, activity data with their sources, emission factors with source and confidence, data-quality
 * management (the quality-control plan and the meter registry of section 7.3), missing data and how it
 * was handled, and a provenance appendix. The standard's text was not at hand: its structure (clause 9
 * 报告内容 and Annex A) is followed as second-hand sources describe it (docs/reports.md).
 */
public final class AnnualDocument {
    private static final int DIGITS = 3;
    /** The classes in the order GB/T 32150 lists the parts of a total (combustion, process, energy bought, exported, fixed). */
    private static final List<EmissionClass> ORDER = List.of(EmissionClass.COMBUSTION, EmissionClass.PROCESS, EmissionClass.FUGITIVE,
            EmissionClass.PURCHASED_ELECTRICITY, EmissionClass.PURCHASED_HEAT, EmissionClass.EXPORTED_ELECTRICITY,
            EmissionClass.EXPORTED_HEAT, EmissionClass.RECOVERED, EmissionClass.FIXED_IN_PRODUCTS);

    private AnnualDocument() {
    }

    /** The report of {@code year} for {@code site} from {@code store}, as of {@code generated}, without verification findings. */
    public static ReportDocument of(Site site, ResultStore store, Year year, Instant generated) {
        return of(site, store, null, year, generated);
    }

    /**
     * The report of {@code year} for {@code site} from {@code store}, as of {@code generated}; the verification findings of
     * the year from {@code findings} follow the data-quality section (when there are any; null for none).
     */
    public static ReportDocument of(Site site, ResultStore store, io.tanhe.server.store.FindingStore findings, Year year,
                                    Instant generated) {
        ZoneId zone = site.zone();
        Instant from = year.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = year.plusYears(1).atDay(1).atStartOfDay(zone).toInstant();
        TimeRange range = TimeRange.of(from, to);
        Report monthly = Report.build(site.identity().siteId(), site.methodology(), site.graph(), store, zone, ReportGrain.MONTH, range);
        Report daily = Report.build(site.identity().siteId(), site.methodology(), site.graph(), store, zone, ReportGrain.DAY, range);
        ReportSummary summary = ReportSummary.of(monthly);
        ReportSummary days = ReportSummary.of(daily);
        LocalDate asOf = LocalDate.ofInstant(generated, zone);
        List<Section> sections = new ArrayList<>();
        sections.add(entity(site, year, generated));
        sections.add(boundary(site));
        sections.add(emissions(summary, monthly));
        sections.add(activity(site, store, range));
        sections.add(factors(site, year));
        sections.add(quality(site.reporting(), site, asOf));
        List<io.tanhe.server.store.StoredFinding> found = findings == null ? List.of()
                : findings.between(range, java.util.Optional.empty(), Report.MAX_FINDINGS);
        if (!found.isEmpty()) {
            sections.add(FindingsSection.of(found, zone));
        }
        sections.add(missing(site, days));
        sections.add(analysis(Analysis.of(site.identity().siteId(), site.methodology(), site.graph(), store, zone, year)));
        sections.add(provenance(site, year, days));
        return new ReportDocument(year + " 年度温室气体排放报告",
                site.identity().enterprise() + " · 依据 GB/T 32150-2015《工业企业温室气体排放核算和报告通则》· 核算方法 "
                        + site.graph().info().title(), sections);
    }

    private static Section entity(Site site, Year year, Instant generated) {
        ReportingDetails r = site.reporting();
        var id = site.identity();
        return new Section("报告主体基本信息 Reporting entity", "报告主体", List.of(new Block.Facts(List.of(
                new Block.Fact("报告主体名称", id.enterprise()),
                new Block.Fact("统一社会信用代码", stated(id.enterpriseId())),
                new Block.Fact("法定代表人", stated(r.legalRepresentative())),
                new Block.Fact("地址", stated(r.address())),
                new Block.Fact("所属行业", stated(r.industry())),
                new Block.Fact("联系人", stated(r.contact())),
                new Block.Fact("监测站点", id.siteName() + "（" + id.siteId() + "）"),
                new Block.Fact("报告年度", year + " 年 1 月 1 日至 12 月 31 日（" + site.zone().getId() + "）"),
                new Block.Fact("报告生成时间", PeriodicDocument.LOCAL.format(generated.atZone(site.zone()))
                        + "，由碳排放在线监测终端根据存储的监测结果自动生成")))));
    }

    private static Section boundary(Site site) {
        List<List<Cell>> rows = new ArrayList<>();
        List<Node> emissions = new ArrayList<>(site.graph().nodesOf(NodeKind.EMISSION));
        emissions.sort(java.util.Comparator.comparing((Node n) -> n.emissionClass().ordinal()).thenComparing(Node::name));
        for (Node n : emissions) {
            rows.add(List.of(new Text(n.label()), new Text(n.name() + (n.indexed() ? "[" + String.join(",", n.dimensions()) + "]" : "")),
                    new Text(Labels.emissionClass(n.emissionClass())), new Text(Labels.scope(n.scope())),
                    new Text(String.join("、", n.dependencies().stream()
                            .filter(d -> site.graph().node(d).map(x -> x.kind() == NodeKind.INPUT).orElse(false)).toList()))));
        }
        return new Section("核算边界与排放源 Boundary and emission sources", "核算边界", List.of(
                new Block.Paragraph("核算边界：" + stated(site.reporting().boundary())),
                new Block.Paragraph("核算方法：" + site.graph().info().title() + "（" + site.methodology().id() + " "
                        + site.methodology().version() + "）。排放源按类别识别如下："),
                new Block.Table("", List.of(new Column("排放源", "", 2.2f), new Column("节点", "", 2.4f), new Column("类别", "", 1.6f),
                        new Column("范围", "", 1.1f), new Column("活动数据", "", 2.4f)), rows)));
    }

    private static Section emissions(ReportSummary summary, Report monthly) {
        double total = summary.headline().map(ReportSummary.Line::value).orElse(0.0);
        List<List<Cell>> rows = new ArrayList<>();
        for (EmissionClass c : ORDER) {
            double v = summary.byClass().getOrDefault(c, 0.0);
            rows.add(List.of(new Text(Labels.emissionClass(c) + (c.isDeduction() ? "（扣减）" : "")), new Text(c.keyword()),
                    Number.of(v, DIGITS), Number.percent(total == 0 ? 0 : v / total)));
        }
        summary.headline().ifPresent(h -> rows.add(List.of(new Text("温室气体排放总量 " + h.title()), new Text(h.label()),
                Number.of(h.value(), DIGITS), Number.percent(1))));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Table("", List.of(new Column("排放类别", "", 3), new Column("代码", "", 2.2f),
                new Column("排放量", "tCO2", 1.8f), new Column("占总量", "%", 1.2f)), rows));
        Section structure = PeriodicDocument.byClass(summary);
        structure.blocks().stream().filter(b -> b instanceof Block.Chart).forEach(blocks::add);
        Section perMonth = PeriodicDocument.buckets(monthly, summary);
        blocks.addAll(perMonth.blocks());
        if (!summary.intensities().isEmpty() || !summary.production().isEmpty()) {
            blocks.add(PeriodicDocument.totals(summary).blocks().get(0));
        }
        return new Section("温室气体排放 Emissions by class and total", "排放量", blocks);
    }

    private static Section activity(Site site, ResultStore store, TimeRange range) {
        ResultQuery query = new ResultQuery(site.graph(), store, site.zone());
        Map<String, List<PointBinding>> byTarget = new LinkedHashMap<>();
        site.bindings().values().forEach(b -> byTarget.computeIfAbsent(b.target(), t -> new ArrayList<>()).add(b));
        List<List<Cell>> rows = new ArrayList<>();
        for (Node n : site.graph().nodesOf(NodeKind.INPUT)) {
            boolean extensive = ResultQuery.extensive(n);
            List<ResultRow> results = query.results(n.name(), "", extensive ? ReportGrain.YEAR : ReportGrain.DAY, range);
            Map<String, List<ResultRow>> byKey = results.stream().collect(Collectors.groupingBy(ResultRow::key, LinkedHashMap::new,
                    Collectors.toList()));
            for (Map.Entry<String, List<ResultRow>> e : byKey.entrySet()) {
                String target = e.getKey().isEmpty() ? n.name() : n.name() + "[" + e.getKey() + "]";
                List<ResultRow> rs = e.getValue();
                Quality q = rs.stream().map(ResultRow::quality).reduce(Quality::and).orElse(Quality.MISSING);
                Cell value;
                if (extensive) {
                    value = Number.of(rs.stream().mapToDouble(ResultRow::value).sum(), DIGITS);
                } else {
                    double min = rs.stream().mapToDouble(ResultRow::value).min().orElse(0);
                    double max = rs.stream().mapToDouble(ResultRow::value).max().orElse(0);
                    value = new Text(min == max ? PeriodicDocument.plain(min) : PeriodicDocument.plain(min) + " – " + PeriodicDocument.plain(max));
                }
                rows.add(List.of(new Text(n.label()), new Text(target), value, new Text(rs.getFirst().unit()),
                        new Text(Labels.quality(q)), new Text(source(site, byTarget.getOrDefault(target, List.of())))));
            }
        }
        return new Section("活动数据及来源 Activity data and sources", "活动数据", List.of(
                new Block.Paragraph("累计量为全年之和；按期输入的参数（如化验值）列出全年各日取值的范围。来源为绑定的测点及计量器具（见数据质量管理）。"),
                new Block.Table("", List.of(new Column("活动数据", "", 2.2f), new Column("节点", "", 2.2f), new Column("年度数值", "", 1.7f),
                        new Column("单位", "", 1), new Column("质量", "", 1.1f), new Column("数据来源", "", 3)), rows)));
    }

    /** Section 7.2.5: year-on-year and month-on-month, structure by scope, key sources, activity data. */
    static Section analysis(Analysis a) {
        List<List<Cell>> months = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<Double> now = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        for (Analysis.Month m : a.months()) {
            months.add(List.of(new Text(m.month() + " 月"), optional(m.value(), DIGITS), optional(m.previousYear(), DIGITS),
                    optional(m.yearOnYear(), 1), optional(m.monthOnMonth(), 1), Number.percent(m.completeness())));
            categories.add(m.month() + "月");
            now.add(m.value() == null ? 0 : m.value());
            before.add(m.previousYear() == null ? 0 : m.previousYear());
        }
        List<List<Cell>> scopes = a.scopes().stream().<List<Cell>>map(s -> List.of(new Text(s.name()), Number.of(s.value(), DIGITS),
                Number.percent(s.share()))).toList();
        List<List<Cell>> sources = a.sources().stream().<List<Cell>>map(s -> List.of(Number.of(s.rank(), 0), new Text(s.title()),
                new Text(s.label()), Number.of(s.value(), DIGITS), Number.percent(s.share()), optional(s.previous(), DIGITS),
                optional(s.change(), 1), new Text(s.key() ? "是" : ""))).toList();
        List<List<Cell>> activity = a.activity().stream().<List<Cell>>map(x -> List.of(new Text(x.title()), new Text(x.label()),
                Number.of(x.value(), DIGITS), new Text(x.unit()), optional(x.previous(), DIGITS), optional(x.change(), 1))).toList();
        return new Section("排放分析 Analysis", "排放分析", List.of(
                new Block.Paragraph("同比为本月与上年同月相比的变化，环比为与上月相比的变化；基数缺失或为零时不计算（—）。"
                        + "重点排放源为按排放量从大到小累计占比达到 " + Math.round(Analysis.KEY_SHARE * 100) + "% 的排放源。"),
                new Block.Chart(Block.ChartKind.BAR, a.year() + " 年与 " + (a.year() - 1) + " 年各月排放总量", a.unit(), categories,
                        List.of(new Block.Series(a.year() + " 年", now), new Block.Series((a.year() - 1) + " 年", before))),
                new Block.Table("a) 各月排放总量 " + a.total() + " 的同比与环比", List.of(new Column("月份", "", 1),
                        new Column(a.year() + " 年", a.unit(), 1.6f), new Column((a.year() - 1) + " 年同期", a.unit(), 1.6f),
                        new Column("同比", "%", 1.1f), new Column("环比", "%", 1.1f), new Column("完整率", "", 1.1f)), months),
                new Block.Table("b) 排放结构（按范围）", List.of(new Column("范围", "", 2), new Column("排放量", "tCO2", 1.6f),
                        new Column("占比", "%", 1.1f)), scopes),
                new Block.Table("c) 重点排放源识别", List.of(new Column("排名", "", 0.6f), new Column("排放源", "", 2),
                        new Column("节点", "", 2.2f), new Column("排放量", "tCO2", 1.5f), new Column("占比", "%", 1),
                        new Column("上年", "tCO2", 1.5f), new Column("变化", "%", 1), new Column("重点", "", 0.7f)), sources),
                new Block.Table("d) 活动水平数据", List.of(new Column("活动数据", "", 2), new Column("节点", "", 2.2f),
                        new Column(a.year() + " 年", "", 1.5f), new Column("单位", "", 1), new Column("上年", "", 1.5f),
                        new Column("变化", "%", 1)), activity)));
    }

    private static Cell optional(Double v, int digits) {
        return v == null ? new Text("—") : Number.of(v, digits);
    }

    private static String source(Site site, List<PointBinding> bindings) {
        if (bindings.isEmpty()) {
            return "未绑定测点";
        }
        return bindings.stream().map(b -> "测点 " + b.pointId() + site.reporting().meterOf(b.pointId())
                .map(m -> "：" + m.name() + (m.model().isEmpty() ? "" : " " + m.model())).orElse("（计量器具未登记）"))
                .collect(Collectors.joining("；"));
    }

    private static Section factors(Site site, Year year) {
        ComputationGraph graph = site.graph();
        Set<String> used = new LinkedHashSet<>();
        graph.nodes().forEach(n -> n.dependencies().forEach(d -> graph.node(d).filter(x -> x.kind() == NodeKind.FACTOR)
                .ifPresent(x -> used.add(x.name()))));
        List<List<Cell>> rows = new ArrayList<>();
        for (String f : used) {
            Node node = graph.node(f).orElseThrow();
            Set<String> keys = new LinkedHashSet<>(site.factors().keys(f));
            if (node.indexed()) {
                // values for members the site does not use (fuels it does not burn) are left out, and so is a factor with none left
                keys.removeIf(k -> k.isEmpty() || !members(site).containsAll(io.tanhe.engine.graph.Keys.parts(k)));
                if (keys.isEmpty()) {
                    continue;
                }
            } else {
                keys = new LinkedHashSet<>(List.of(""));
            }
            for (String key : keys) {
                Set<FactorValue> values = new LinkedHashSet<>();
                for (int m = 1; m <= 12; m++) {
                    site.factors().lookup(f, key, year.atMonth(m).atDay(1)).ifPresent(values::add);
                }
                if (values.isEmpty()) {
                    rows.add(List.of(new Text(node.label()), new Text(key.isEmpty() ? f : f + "[" + key + "]"), new Text("—"),
                            new Text(node.unit().text()), new Text("本年度无适用值"), new Text(""), new Text("")));
                }
                for (FactorValue v : values) {
                    rows.add(List.of(new Text(node.label()), new Text(key.isEmpty() ? f : f + "[" + key + "]"),
                            Number.of(v.value().doubleValue(), Math.max(0, v.value().scale())), new Text(v.unit()),
                            new Text(v.source() + (v.clause() == null ? "" : "，" + v.clause())),
                            new Text(confidence(v)), new Text(v.version())));
                }
            }
        }
        return new Section("排放因子数据及来源 Emission factors and sources", "排放因子", List.of(
                new Block.Paragraph("可信度：A 官方原文核实；B 二手来源一致；C 单一二手来源；U 未核实；SITE 企业实测或自定。"),
                new Block.Table("", List.of(new Column("参数", "", 2), new Column("节点", "", 1.8f), new Column("数值", "", 1.2f),
                        new Column("单位", "", 1.1f), new Column("来源", "", 3.6f), new Column("可信度", "", 0.9f),
                        new Column("表版本", "", 1)), rows)));
    }

    /** The set members the site's bindings name: a factor's values for other members (fuels it does not burn) are left out. */
    private static Set<String> members(Site site) {
        Set<String> out = new java.util.HashSet<>();
        site.bindings().values().forEach(b -> out.addAll(b.key().isEmpty() ? List.of() : io.tanhe.engine.graph.Keys.parts(b.key())));
        return out;
    }

    /** The table versions of the factor values the year uses, e.g. {@code 2022.1, 2026.1}. */
    private static String factorVersions(Site site, Year year) {
        Set<String> versions = new java.util.TreeSet<>();
        for (String f : site.factors().factorNames()) {
            for (String key : site.factors().keys(f).isEmpty() ? Set.of("") : site.factors().keys(f)) {
                site.factors().lookup(f, key, year.atDay(1)).ifPresent(v -> versions.add(v.version()));
            }
        }
        return String.join("、", versions);
    }

    private static String confidence(FactorValue v) {
        return v.confidence().name();
    }

    private static Section quality(ReportingDetails r, Site site, LocalDate asOf) {
        QualityPlan p = r.plan();
        List<List<Cell>> rows = new ArrayList<>();
        for (Meter m : r.meters()) {
            String feeds = m.points().stream().map(pt -> site.binding(pt).map(PointBinding::target).orElse(pt + "（未参与核算）"))
                    .collect(Collectors.joining("、"));
            rows.add(List.of(new Text(m.name()), new Text(m.model() + (m.serial().isEmpty() ? "" : " / " + m.serial())),
                    new Text(m.location()), new Text(m.frequency()), new Text(m.accuracyClass()),
                    new Text(m.calibrationInterval().map(Object::toString).map(AnnualDocument::period).orElse("—")),
                    new Text(m.lastCalibration().map(LocalDate::toString).orElse("—")),
                    new Text(m.calibrationDue().map(LocalDate::toString).orElse("—")),
                    new Text(m.calibrationInterval().isEmpty() ? "不适用" : m.calibrationOverdue(asOf) ? "逾期" : "有效"),
                    new Text(feeds)));
        }
        List<Meter> overdue = r.overdue(asOf);
        return new Section("数据质量管理 Data-quality management", "数据质量管理", List.of(
                new Block.Paragraph("数据质量控制计划（终端标准 7.3.2）："),
                new Block.Facts(List.of(
                        new Block.Fact("a) 规章制度", stated(p.rules())),
                        new Block.Fact("b) 系统责任人", stated(p.responsible())),
                        new Block.Fact("c) 档案管理", stated(p.archive())),
                        new Block.Fact("d) 定期校准", stated(p.calibration())),
                        new Block.Fact("e) 数据分级验证", stated(p.crossChecks())))),
                new Block.Paragraph("活动数据来源一览表（终端标准 7.3.1），校准状态截至 " + asOf + "："
                        + (overdue.isEmpty() ? "无逾期未校准的仪表。" : "逾期未校准：" + overdue.stream().map(Meter::name)
                        .collect(Collectors.joining("、")) + "，其计量数据应复核。")),
                new Block.Table("", List.of(new Column("计量器具", "", 1.9f), new Column("型号/编号", "", 1.5f), new Column("安装位置", "", 1.7f),
                        new Column("测量频次", "", 1.4f), new Column("精度", "", 1), new Column("校准周期", "", 0.8f),
                        new Column("上次校准", "", 1.5f), new Column("到期", "", 1.5f), new Column("状态", "", 0.8f),
                        new Column("关联活动数据", "", 1.9f)), rows)));
    }

    /** P6M → 6 个月, P1Y → 1 年. */
    private static String period(String iso) {
        java.time.Period p = java.time.Period.parse(iso);
        List<String> parts = new ArrayList<>();
        if (p.getYears() > 0) {
            parts.add(p.getYears() + " 年");
        }
        if (p.getMonths() > 0) {
            parts.add(p.getMonths() + " 个月");
        }
        if (p.getDays() > 0) {
            parts.add(p.getDays() + " 天");
        }
        return String.join(" ", parts);
    }

    private static Section missing(Site site, ReportSummary days) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ReportSummary.Line l : days.sources()) {
            rows.add(List.of(new Text(l.label()), Number.of(l.present(), 0), Number.of(days.buckets() - l.present(), 0),
                    Number.percent(l.completeness()), new Text(Labels.quality(l.quality()))));
        }
        return new Section("缺失数据及处理 Missing data and handling", "缺失数据", List.of(
                new Block.Paragraph("终端连续 " + io.tanhe.grammar.config.Durations.format(site.rulesSettings().gapAfter())
                        + " 未取得有效数据即判定为数据缺失并告警（终端标准 7.2.3）。主表故障时由备用表接替，其数据标记为“备用表/估算”；"
                        + "人工录入与导入的数据标记为“人工录入”；按规则替代的数据标记为“替代”；无法计算的时段记为“缺失”，数值为零且不计入完整率。"
                        + "迟到数据在接收窗口内更新结果，之后的更正以修订版本保存（见附录）。"),
                new Block.Table("各排放源的日数据完整性", List.of(new Column("排放源", "", 3), new Column("有结果天数", "天", 1.3f),
                        new Column("无结果天数", "天", 1.3f), new Column("完整率", "", 1.1f), new Column("最弱质量", "", 1.3f)), rows)));
    }

    private static Section provenance(Site site, Year year, ReportSummary days) {
        var m = site.methodology();
        List<List<Cell>> rows = new ArrayList<>();
        List<ReportSummary.Line> lines = new ArrayList<>(days.sources());
        lines.addAll(days.totals());
        for (ReportSummary.Line l : lines) {
            rows.add(List.of(new Text(l.label()), Number.percent(l.completeness()), Number.of(l.revision(), 0)));
        }
        return new Section("附录 数据溯源 Provenance", "附录溯源", List.of(
                new Block.Facts(List.of(
                        new Block.Fact("核算方法标识", m.id()),
                        new Block.Fact("方法版本", m.version()),
                        new Block.Fact("方法内容哈希（SHA-256）", m.contentHash()),
                        new Block.Fact("方法包签名", "无（本方法文件未附签名）"),
                        new Block.Fact("因子表", site.factors().id().replace(" over ", "（站点）叠加于 ").replaceAll("叠加于 $", "叠加于方法默认值")
                                + "；所用因子表版本 " + factorVersions(site, year)),
                        new Block.Fact("站点配置", site.origin()))),
                new Block.Table("各节点全年完整率与最高修订版本（1 表示从未修订）", List.of(new Column("节点", "", 3),
                        new Column("完整率", "", 1.2f), new Column("最高修订版本", "", 1.4f)), rows)));
    }

    private static String stated(String text) {
        return text == null || text.isBlank() ? "（站点文件未填写）" : text;
    }
}
