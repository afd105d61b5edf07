package io.tanhe.server.report;

import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.server.report.document.Block;
import io.tanhe.server.report.document.Block.Cell;
import io.tanhe.server.report.document.Block.Column;
import io.tanhe.server.report.document.Block.Number;
import io.tanhe.server.report.document.Block.Text;
import io.tanhe.server.report.document.Section;
import io.tanhe.server.store.StoredFinding;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification findings (核查发现) of a report's range as a section of the periodic and the annual report: each
 * check with its clause, what it concerns, the period, the value checked and the bound, and the sentence for the
 * verifier. Not alerts: the figures stay as stored (docs/verification.md).
 */
final class FindingsSection {
    static final String TITLE = "核查发现 Verification findings";

    private FindingsSection() {
    }

    static Section of(List<StoredFinding> findings, ZoneId zone) {
        List<List<Cell>> rows = new ArrayList<>();
        for (StoredFinding s : findings) {
            VerificationFinding f = s.finding();
            rows.add(List.of(new Text(f.check() + (f.template() ? "（模板）" : "")), new Text(f.clause()), new Text(f.subject()),
                    new Text(period(f, zone)),
                    Double.isFinite(f.measured()) ? Number.of(f.measured(), 3) : new Text("—"), new Text(f.unit()),
                    new Text(f.bound()), new Text(f.message())));
        }
        return new Section(TITLE, "核查发现", List.of(
                new Block.Paragraph("核查发现由核算方法随附的核查规则（核查技术指南的交叉核对、经验取值范围、化验报告时效、"
                        + "计量器具检定与同比波动等）得出，不是告警：相关数据保持原值，供核查人员复核并说明原因。"
                        + "标注“模板”的核查项取自《企业温室气体排放核查技术指南 发电设施》，作为本行业的参考（置信度 C）。"
                        + "共 " + findings.size() + " 项。"),
                new Block.Table("", List.of(new Column("核查项", "", 1.6f), new Column("依据", "", 1.8f), new Column("对象", "", 2),
                        new Column("期间", "", 2), new Column("测得值", "", 1.1f), new Column("单位", "", 1), new Column("界限", "", 1.8f),
                        new Column("说明", "", 5)), rows)));
    }

    private static String period(VerificationFinding f, ZoneId zone) {
        String from = PeriodicDocument.LOCAL.format(f.from().atZone(zone));
        return f.to().equals(f.from()) ? from : from + " – " + PeriodicDocument.LOCAL.format(f.to().atZone(zone));
    }
}
