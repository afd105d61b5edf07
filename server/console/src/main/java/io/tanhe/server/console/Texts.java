package io.tanhe.server.console;

import java.util.HashMap;
import java.util.Map;

/** The console's words in Chinese and English. A missing key is a programming error and fails loudly. */
final class Texts {
    private static final Map<String, String[]> WORDS = new HashMap<>();

    static {
        w("app", "碳核 碳排放在线监测终端", "Tanhe carbon emission monitoring terminal");
        w("overview", "概览", "Overview");
        w("trends", "趋势", "Trends");
        w("structure", "结构", "Structure");
        w("alerts", "告警", "Alerts");
        w("reports", "报表", "Reports");
        w("users", "用户", "Users");
        w("audit", "审计", "Audit");
        w("system", "系统", "System");
        w("login", "登录", "Sign in");
        w("logout", "退出", "Sign out");
        w("username", "用户名", "User name");
        w("password", "密码", "Password");
        w("newPassword", "新密码", "New password");
        w("repeatPassword", "再次输入新密码", "New password again");
        w("changePassword", "修改密码", "Change password");
        w("mustChange", "这是一次性或已过期的密码：请先设置新密码。", "This password is one-time or expired: set a new one first.");
        w("passwordsDiffer", "两次输入的新密码不一致。", "The two new passwords differ.");
        w("passwordChanged", "密码已修改。", "Password changed.");
        w("bigScreen", "大屏", "Big screen");
        w("today", "今日排放", "Today's emissions");
        w("month", "本月排放", "This month's emissions");
        w("liveCurve", "实时曲线（每分钟）", "Live curve (per minute)");
        w("byClass", "按排放类别", "By emission class");
        w("bySource", "按排放源", "By source");
        w("intensity", "排放强度", "Intensity");
        w("quality", "数据质量", "Data quality");
        w("completeness", "完整率", "Completeness");
        w("openAlerts", "未关闭告警", "Open alerts");
        w("none", "无", "None");
        w("noData", "暂无数据", "No data yet");
        w("asOf", "数据截至", "Data up to");
        w("grain", "粒度", "Grain");
        w("from", "开始", "From");
        w("to", "结束", "To");
        w("show", "查询", "Show");
        w("period", "时段", "Period");
        w("value", "排放量", "Emissions");
        w("yoy", "同比", "Year on year");
        w("mom", "环比", "Period on period");
        w("lastYear", "去年同期", "Same period last year");
        w("year", "年份", "Year");
        w("scope", "直接与间接排放", "Direct and indirect");
        w("keySources", "重点排放源排名", "Key sources ranked");
        w("activity", "活动数据", "Activity data");
        w("rank", "排名", "Rank");
        w("source", "排放源", "Source");
        w("share", "占比", "Share");
        w("change", "同比变化", "Change on last year");
        w("key", "重点", "Key");
        w("unit", "单位", "Unit");
        w("format", "格式", "Format");
        w("download", "生成并下载", "Generate and download");
        w("periodic", "周期报表", "Periodic report");
        w("annual", "年度报告（GB/T 32150）", "Annual report (GB/T 32150)");
        w("state", "状态", "State");
        w("rule", "规则", "Rule");
        w("severity", "级别", "Severity");
        w("raisedAt", "发生时间", "Raised at");
        w("message", "内容", "Message");
        w("ackBy", "确认人", "Acknowledged by");
        w("role", "角色", "Role");
        w("locked", "锁定", "Locked");
        w("lock", "锁定", "Lock");
        w("unlock", "解锁", "Unlock");
        w("reset", "重置密码", "Reset password");
        w("addUser", "新增用户", "Add an account");
        w("add", "新增", "Add");
        w("oneTime", "一次性密码（仅显示一次，请转交本人）：", "One-time password (shown once; hand it to the person):");
        w("tokens", "API 令牌", "API tokens");
        w("name", "名称", "Name");
        w("created", "创建时间", "Created");
        w("yes", "是", "yes");
        w("no", "否", "no");
        w("at", "时间", "Time");
        w("user", "用户", "User");
        w("type", "事件", "Event");
        w("target", "对象", "Target");
        w("outcome", "结果", "Outcome");
        w("address", "地址", "Address");
        w("detail", "说明", "Detail");
        w("verify", "校验审计链", "Verify the audit chain");
        w("export", "导出", "Export");
        w("site", "站点", "Site");
        w("methodology", "核算方法", "Methodology");
        w("version", "应用版本", "Application version");
        w("uptime", "运行时长", "Uptime");
        w("os", "操作系统", "Operating system");
        w("cpu", "处理器", "CPU");
        w("memory", "内存（JVM 已用 / 上限）", "Memory (JVM used / max)");
        w("disk", "磁盘（可用 / 总量）", "Disk (free / total)");
        w("store", "存储", "Store");
        w("readings", "读数", "Readings");
        w("workers", "工作线程", "Workers");
        w("forbidden", "当前角色无权访问此页面。", "Your role may not open this page.");
        w("notFound", "没有这个页面。", "No such page.");
        w("signInFirst", "请先登录。", "Please sign in first.");
        w("noTotals", "该核算方法没有产品产量，不计算排放强度。", "The methodology declares no production: no intensity.");
        w("all", "全部", "All");
        w("open", "未关闭", "Open");
        w("hour", "小时", "Hour");
        w("day", "日", "Day");
        w("week", "周", "Week");
        w("monthGrain", "月", "Month");
        w("quarter", "季度", "Quarter");
        w("yearGrain", "年", "Year");
        w("skip", "跳到正文", "Skip to content");
        w("menu", "菜单", "Menu");
        w("entry", "数据录入", "Data entry");
        w("comment", "备注", "Comment");
        w("acknowledge", "确认", "Acknowledge");
        w("acknowledgedNo", "已确认告警", "Acknowledged alert");
        w("point", "测点", "Point");
        w("when", "时间", "Time");
        w("enter", "录入", "Enter");
        w("entered", "已录入", "Entered");
        w("unchanged", "与现值相同，未改变：", "Same as the current value, nothing changed:");
        w("versionNo", "版本", "version");
        w("manualPoints", "人工录入测点", "Points entered by hand");
        w("feeds", "用于", "Feeds");
        w("number", "数值", "Value");
        w("uplink", "数据上报", "Uplink");
        w("noCentres", "站点文件未配置数据中心（uplink:），不上报。", "The site file names no data centre (uplink:): nothing is reported.");
        w("centre", "数据中心", "Centre");
        w("protocol", "协议", "Protocol");
        w("connected", "已连接", "Connected");
        w("lastAck", "最近应答", "Last acknowledgement");
        w("backlog", "待发", "Backlog");
        w("oldestPending", "最早待发", "Oldest pending");
        w("failures", "失败次数", "Failures");
        w("lastError", "最近错误", "Last error");
        w("backfill", "手动补发", "Manual backfill");
        w("reason", "原因", "Reason");
        w("indicators", "指标（空则全部）", "Indicators (empty: all)");
        w("queued", "已排队：", "Queued:");
        w("repeated", "与 10 分钟内的相同请求一致，未重复排队", "same as a request within 10 min: not queued again");
        w("devices", "设备与测点", "Devices and points");
        w("pollNow", "立即采集", "Poll now");
        w("polled", "轮询", "polled");
        w("pushed", "推送", "pushed");
        w("pollDone", "已采集", "Polled");
        w("backup", "备用表", "backup");
        w("backupFor", "作为备用表：", "backs up");
        w("latest", "最新值", "Latest value");
        w("fedBy", "数据来自", "Fed by");
        w("derivation", "数据溯源", "Derivation");
        w("formulaFactors", "公式、因子（含来源）与读数", "Formula, factors (with sources) and readings");
        w("revisions", "修订记录", "Revisions");
        w("replayDiffers", "按存储的读数重算的结果与存储值不一致：请核查修订记录。", "Replaying the stored readings gives another value than the stored one: see the revisions.");
        w("versions", "该时段的各版本（最新的生效）", "Versions for the period (the latest counts)");
        w("confirmReset", "确定重置该账户的密码？", "Reset this account's password?");
        w("confirmLock", "确定锁定该账户？", "Lock this account?");
        w("errorLog", "最近的警告与错误日志", "Recent warnings and errors in the log");
    }

    private Texts() {
    }

    private static void w(String key, String zh, String en) {
        WORDS.put(key, new String[]{zh, en});
    }

    /** The word for {@code key} in {@code lang}. */
    static String t(Lang lang, String key) {
        String[] w = WORDS.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no console text `" + key + "`");
        }
        return w[lang.ordinal()];
    }
}
