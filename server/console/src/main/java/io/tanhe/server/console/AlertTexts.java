package io.tanhe.server.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alerts in the console's language. The rules raise their messages in English, one sentence per rule, built from
 * the facts (generic.drl: data gaps, switches to a backup meter, overdue calibration; the thresholds' default text;
 * the terminal's storage alert): in the Chinese console each rule gets a Chinese label and those sentences are
 * rewritten in Chinese from their parts. A threshold's own {@code message:} is the site's text, in the site's
 * language, and is shown as written; so is any sentence of a rule this class does not know.
 */
final class AlertTexts {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern GAP = Pattern.compile("(.+?): no good data for (.+?) s( or more)? since (\\S+); check the meter and its line");
    private static final Pattern SWITCH = Pattern.compile("(.+?) switched from (.+?) to backup (.+?): (.*); check (.+)", Pattern.DOTALL);
    private static final Pattern SWITCH_REASON = Pattern.compile("no good reading from (.+?) for (.+)");
    private static final Pattern CALIBRATION = Pattern.compile("(.+?) \\((.+?)\\) is past its calibration (?:due (\\S+)|\\(none on record\\)); "
            + "its readings of (.+?) need review: calibrate it and set last_calibration in the site file");
    private static final Pattern THRESHOLD = Pattern.compile("(.+?) = (\\S+) ?(\\S*), limit (\\S+) (\\S+) ?(\\S*)");
    private static final String STORAGE = "the store stopped taking readings: ";

    private AlertTexts() {
    }

    /** The rule's name in {@code lang}: {@code data-gap} is 数据中断 in Chinese; a threshold names its id. */
    static String rule(Lang lang, String ruleId) {
        if (lang == Lang.EN) {
            return ruleId;
        }
        if (ruleId.startsWith("threshold/")) {
            return "超限（" + ruleId.substring("threshold/".length()) + "）";
        }
        return switch (ruleId) {
            case "data-gap" -> "数据中断";
            case "source-switch" -> "切换到备用表";
            case "calibration-overdue" -> "仪表校准逾期";
            case "storage/intake-stopped" -> "存储停止接收读数";
            default -> ruleId;
        };
    }

    /** The alert's message in {@code lang}; as raised when there is no translation of it. */
    static String message(Lang lang, String ruleId, String message, ZoneId zone) {
        if (lang == Lang.EN || message == null) {
            return message;
        }
        Matcher m;
        if ("data-gap".equals(ruleId) && (m = GAP.matcher(message)).matches()) {
            return m.group(1) + "：自 " + local(m.group(4), zone) + " 起 " + m.group(2) + " 秒" + (m.group(3) == null ? "" : "以上")
                    + "无有效数据；请检查仪表及其线路";
        }
        if ("source-switch".equals(ruleId) && (m = SWITCH.matcher(message)).matches()) {
            Matcher r = SWITCH_REASON.matcher(m.group(4));
            String reason = r.matches() ? r.group(1) + " " + r.group(2).replace("s", " 秒") + "无有效读数" : m.group(4);
            return m.group(1) + " 已从 " + m.group(2) + " 切换到备用表 " + m.group(3) + "（" + reason + "）；请检查 " + m.group(5);
        }
        if ("calibration-overdue".equals(ruleId) && (m = CALIBRATION.matcher(message)).matches()) {
            return m.group(1) + "（" + m.group(2) + "）" + (m.group(3) == null ? "无校准记录" : "已超过校准期限（应于 " + m.group(3) + " 校准）")
                    + "；其测点 " + m.group(4) + " 的读数需复核：请校准仪表并在站点文件中更新 last_calibration";
        }
        if (ruleId.startsWith("threshold/") && (m = THRESHOLD.matcher(message)).matches()) {
            return m.group(1) + " = " + m.group(2) + (m.group(3).isEmpty() ? "" : " " + m.group(3)) + "，超出限值（" + m.group(4) + " "
                    + m.group(5) + (m.group(6).isEmpty() ? "" : " " + m.group(6)) + "）";
        }
        if ("storage/intake-stopped".equals(ruleId) && message.startsWith(STORAGE)) {
            return "存储已停止接收读数：" + message.substring(STORAGE.length());
        }
        return message;
    }

    private static String local(String instant, ZoneId zone) {
        try {
            return LOCAL.format(Instant.parse(instant).atZone(zone));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
