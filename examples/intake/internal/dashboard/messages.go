package dashboard

import (
	"fmt"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
)

// A uiLang is one of the dashboard's three languages (界面语言): Simplified
// Chinese (the default), Traditional Chinese and English.
type uiLang int

const (
	langZhHans uiLang = iota
	langZhHant
	langEn
	uiLangCount
)

// uiLangNames are the languages as each writes its own name, for the
// language switch.
var uiLangNames = [uiLangCount]string{"简体中文", "繁體中文", "English"}

// parseUILang reads the lang query parameter: "" is the default, and any
// tag healthedu.ParseLanguage accepts ("zh-TW", "en-GB", …) is served by
// the language that serves it.
func parseUILang(s string) (uiLang, error) {
	if s == "" {
		return langZhHans, nil
	}
	tag, err := healthedu.ParseLanguage(s)
	if err != nil {
		return langZhHans, err
	}
	switch tag {
	case healthedu.ZhHant:
		return langZhHant, nil
	case healthedu.English:
		return langEn, nil
	}
	return langZhHans, nil
}

// Tag returns the language's tag, as healthedu names it.
func (l uiLang) Tag() language.Tag {
	switch l {
	case langZhHant:
		return healthedu.ZhHant
	case langEn:
		return healthedu.English
	}
	return healthedu.ZhHans
}

// String returns the BCP 47 tag: "zh-Hans", "zh-Hant" or "en".
func (l uiLang) String() string { return l.Tag().String() }

// T returns the table of the language's UI strings.
func (l uiLang) T() map[string]string { return uiTables[l] }

// uiMessages holds every string of the pages, in zh-Hans, zh-Hant and en.
// Keys are identifiers so that templates can write {{.T.appName}}; a key a
// template names but this table lacks fails the page's rendering (the
// templates run with missingkey=error), which the tests exercise.
var uiMessages = map[string][uiLangCount]string{
	"appName":      {"基层健康教育数据看板", "基層健康教育數據看板", "Grassroots health education dashboard"},
	"skip":         {"跳到正文", "跳到正文", "Skip to content"},
	"language":     {"语言", "語言", "Language"},
	"division":     {"区划", "區劃", "Division"},
	"divisionCode": {"区划代码", "區劃代碼", "Division code"},
	"period":       {"报告期", "報告期", "Period"},
	"show":         {"显示", "顯示", "Show"},
	"years":        {"年度", "年度", "Year"},
	"halfYears":    {"半年", "半年", "Half-years"},
	"quarters":     {"季度", "季度", "Quarters"},
	"months":       {"月份", "月份", "Months"},
	"prevYear":     {"上一年", "上一年", "Previous year"},
	"nextYear":     {"下一年", "下一年", "Next year"},
	"breadcrumb":   {"所在位置", "所在位置", "You are here"},
	"children":     {"下级区划", "下級區劃", "Subdivisions"},
	"noChildren":   {"没有下级区划。", "沒有下級區劃。", "This division has no subdivisions."},

	"indicatorsCaption":         {"%[1]s%[2]s指标一览", "%[1]s%[2]s指標一覽", "Indicators: %[1]s, %[2]s"},
	"colIndicator":              {"指标", "指標", "Indicator"},
	"colNumerator":              {"分子", "分子", "Numerator"},
	"colDenominator":            {"分母", "分母", "Denominator"},
	"colValue":                  {"指标值", "指標值", "Value"},
	"colTarget":                 {"目标", "目標", "Target"},
	"colStatus":                 {"达标情况", "達標情況", "Status"},
	"met":                       {"达标", "達標", "Met"},
	"missed":                    {"未达标", "未達標", "Missed"},
	"noTarget":                  {"无目标", "無目標", "No target"},
	"noValue":                   {"无值", "無值", "No value"},
	"reasonNoData":              {"无数据", "無資料", "No data"},
	"reasonZeroDenominator":     {"分母为零", "分母為零", "Denominator is zero"},
	"reasonNegativeDenominator": {"分母为负", "分母為負", "Denominator is negative"},
	"reasonOverflow":            {"数值过大", "數值過大", "Too large to compute"},
	"noIndicators":              {"该区划本期没有指标。", "該區劃本期沒有指標。", "There are no indicators for this division and period."},
	"colCoverage":               {"数据覆盖", "資料覆蓋", "Coverage"},
	"partial":                   {"部分", "部分", "partial"},
	"coverageTitle":             {"%[2]s个应报单位中%[1]s个有数据", "%[2]s個應報單位中%[1]s個有資料", "Data from %[1]s of %[2]s expected reporters"},
	"ownLevel":                  {"本级数据", "本級資料", "own level"},
	"ownLevelTitle":             {"数值来自区划自身（县、市级）登记的数据，%[1]s个应报单位均未参与", "數值來自區劃自身（縣、市級）登記的資料，%[1]s個應報單位均未參與", "The value comes from data recorded at the divisions' own (county or city) level; none of the %[1]s expected reporters contributed"},
	"coverageNote":              {"“数据覆盖”为有数据的单位数与应报单位数之比；标“部分”的指标值只反映部分单位。", "「資料覆蓋」為有資料的單位數與應報單位數之比；標「部分」的指標值只反映部分單位。", "Coverage is the number of reporters with data over those expected; a value marked partial reflects only some of them."},
	"prorated":                  {"按进度", "按進度", "pro-rated"},
	"proratedTitle":             {"全年目标按已到期月份折算", "全年目標按已到期月份折算", "The yearly target, pro-rated to the months due"},
	"flagsCaption":              {"数据提示", "資料提示", "Data warnings"},
	"flagMark":                  {"数据提示：%s", "資料提示：%s", "Warning: %s"},

	"chartIndicator":    {"图表指标", "圖表指標", "Indicator charted"},
	"barTitle":          {"%s：各下级区划", "%s：各下級區劃", "%s by subdivision"},
	"barDesc":           {"横条长度表示指标值，条末数字为接口给出的值；虚线为目标。", "橫條長度表示指標值，條末數字為介面給出的值；虛線為目標。", "Bar length shows the value, the number at its end is the value as reported, and the dashed line is the target."},
	"barNone":           {"下级区划没有该指标的数据。", "下級區劃沒有該指標的資料。", "The subdivisions have no figures for this indicator."},
	"barUnavailable":    {"暂时无法取得下级区划的数据。", "暫時無法取得下級區劃的資料。", "The subdivisions' figures could not be loaded."},
	"indicatorNotFound": {"本期没有指标“%s”。", "本期沒有指標「%s」。", "There is no indicator %q for this period."},
	"targetLine":        {"目标 %s", "目標 %s", "target %s"},

	"lineTitle":       {"%d年月报完整率", "%d年月報完整率", "Monthly report completeness, %d"},
	"lineDesc":        {"各月实报月报数占应报月报数的百分比。", "各月實報月報數佔應報月報數的百分比。", "Monthly reports received as a percentage of those expected, month by month."},
	"lineNone":        {"本年还没有月报。", "本年尚無月報。", "There are no monthly reports for this year yet."},
	"lineNotDue":      {"未到截止日期", "未到截止日期", "not yet due"},
	"dataTable":       {"数据表", "資料表", "Data table"},
	"colMonth":        {"月份", "月份", "Month"},
	"colExpected":     {"应报", "應報", "Expected"},
	"colReceived":     {"实报", "實報", "Received"},
	"colOnTime":       {"按时报", "按時報", "On time"},
	"colCompleteness": {"完整率（%）", "完整率（%）", "Completeness (%)"},
	"colTimeliness":   {"及时率（%）", "及時率（%）", "Timeliness (%)"},
	"colRank":         {"排名", "排名", "Rank"},
	"colDivision":     {"区划", "區劃", "Division"},

	"reportLink":        {"月通报（%s）", "月通報（%s）", "Monthly notification, %s"},
	"reportHeading":     {"%[1]s%[2]s健康教育工作月通报", "%[1]s%[2]s健康教育工作月通報", "Monthly notification on health education: %[1]s, %[2]s"},
	"deadline":          {"报送截止日期", "報送截止日期", "Deadline"},
	"reportingLevel":    {"报送单位级别", "報送單位級別", "Reporting level"},
	"ranking":           {"月报完整率与及时率排名", "月報完整率與及時率排名", "Completeness and timeliness of the monthly reports, ranked"},
	"total":             {"合计", "合計", "Total"},
	"notReported":       {"未报送单位", "未報送單位", "Not reported"},
	"notReportedNone":   {"全部单位均已报送。", "全部單位均已報送。", "Every division has reported."},
	"belowTarget":       {"未达目标的指标", "未達目標的指標", "Indicators below target"},
	"belowTargetNone":   {"没有未达目标的指标。", "沒有未達目標的指標。", "No indicator is below its target."},
	"notReportedCount":  {"共%s个单位未报送：", "共%s個單位未報送：", "%s divisions have not reported:"},
	"countyCount":       {"%[1]s（%[2]s个）", "%[1]s（%[2]s個）", "%[1]s (%[2]s)"},
	"notDue":            {"%[1]s的月报截止日期为%[2]s，尚未到期：截止后才统计完整率、及时率和未报送单位。", "%[1]s的月報截止日期為%[2]s，尚未到期：截止後才統計完整率、及時率和未報送單位。", "The monthly reports for %[1]s are due by %[2]s, which has not passed: completeness, timeliness and the divisions not reported are counted after it."},
	"receivedEarly":     {"截至%[1]s，%[3]s个应报单位中已有%[2]s个提前报送。", "截至%[1]s，%[3]s個應報單位中已有%[2]s個提前報送。", "By %[1]s, %[2]s of %[3]s expected reporters have reported early."},
	"notReportedNotDue": {"截止日期前不列未报送单位。", "截止日期前不列未報送單位。", "No division is listed as not reported before the deadline."},
	"asOf":              {"统计时点", "統計時點", "As of"},
	"earlyTable":        {"各单位提前报送情况", "各單位提前報送情況", "Reports received early, by division"},
	"colReporters":      {"应报单位", "應報單位", "Reporters"},
	"colReceivedEarly":  {"已提前报送", "已提前報送", "Received early"},
	"ownIndicators":     {"%s各项指标", "%s各項指標", "Indicators of %s"},
	"colGap":            {"与目标差距", "與目標差距", "Gap to target"},
	"colPrevious":       {"上月", "上月", "Previous month"},
	"colChange":         {"较上月", "較上月", "Change"},
	"flagged":           {"需要核对的数据", "需要核對的資料", "Figures to check"},
	"print":             {"打印", "列印", "Print"},
	"back":              {"返回看板", "返回看板", "Back to the dashboard"},

	"complianceLink":        {"%s服务规范达标情况", "%s服務規範達標情況", "Compliance with the service norm, %s"},
	"compliancePanel":       {"%s健康教育服务规范达标情况", "%s健康教育服務規範達標情況", "Compliance with the health education service norm, %s"},
	"complianceHeading":     {"%[1]s%[2]s基层医疗卫生机构健康教育服务规范达标情况", "%[1]s%[2]s基層醫療衛生機構健康教育服務規範達標情況", "Compliance of grassroots institutions with the health education service norm: %[1]s, %[2]s"},
	"complianceYear":        {"考核年度", "考核年度", "Year judged"},
	"normSource":            {"考核依据", "考核依據", "Norm"},
	"complianceTable":       {"各机构各项要求完成情况（实际/应达）", "各機構各項要求完成情況（實際/應達）", "Each institution against each rule (value/required)"},
	"colInstitution":        {"机构", "機構", "Institution"},
	"institutionsJudged":    {"考核机构", "考核機構", "Institutions judged"},
	"compliant":             {"全部达标", "全部達標", "Compliant"},
	"notCompliant":          {"未全部达标", "未全部達標", "Not compliant"},
	"complianceCount":       {"共考核%[1]s个机构，%[2]s个全部达标，%[3]s个未全部达标。", "共考核%[1]s個機構，%[2]s個全部達標，%[3]s個未全部達標。", "%[1]s institutions judged: %[2]s compliant, %[3]s not compliant."},
	"complianceProrated":    {"本年度尚未结束：全年要求按已过%s个月折算，统计时点以后的活动不计入。", "本年度尚未結束：全年要求按已過%s個月折算，統計時點以後的活動不計入。", "The year is not over: the yearly minimums are pro-rated to the %s months over, and activities after the time of the check do not count."},
	"complianceCellNote":    {"每格为实际值/应达值，单位见表头，✗ 表示未达到要求，— 表示该类机构无此项要求。", "每格為實際值/應達值，單位見表頭，✗ 表示未達到要求，— 表示該類機構無此項要求。", "Each cell is value/required, in the unit its column heading gives; ✗ marks a rule not met, — a rule the class has no norm for."},
	"unconfirmedMark":       {"待核实", "待核實", "unconfirmed"},
	"unconfirmedNote":       {"标“待核实”或 * 的要求值尚未与规范原文核对，平台可调整。", "標「待核實」或 * 的要求值尚未與規範原文核對，平台可調整。", "Figures marked unconfirmed or * have not been checked against the norm's text; a platform may change them."},
	"complianceIssues":      {"各机构存在的问题", "各機構存在的問題", "Issues by institution"},
	"complianceByChild":     {"各%s区划机构达标情况", "各%s區劃機構達標情況", "Institutions by %s division"},
	"complianceOmitted":     {"共考核%[1]s个机构，本页不逐一列出：请在上表选择%[2]s区划，在其页面查看各机构各项要求的完成情况和问题。", "共考核%[1]s個機構，本頁不逐一列出：請在上表選擇%[2]s區劃，在其頁面查看各機構各項要求的完成情況和問題。", "The %[1]s institutions judged are not listed one by one here: choose a %[2]s division in the table above to see each institution against each rule, and its problems."},
	"complianceNoDivision":  {"区划不明", "區劃不明", "Division not known"},
	"colInstitutions":       {"考核机构", "考核機構", "Institutions"},
	"complianceIssuesNone":  {"所有机构均达到规范要求。", "所有機構均達到規範要求。", "Every institution meets the norm."},
	"complianceNone":        {"该区划本年度没有基层医疗卫生机构的活动记录。", "該區劃本年度沒有基層醫療衛生機構的活動記錄。", "No grassroots institution has activity records in this division for the year."},
	"complianceUnavailable": {"暂时无法取得服务规范达标情况。", "暫時無法取得服務規範達標情況。", "Compliance with the service norm could not be loaded."},
	"worstShortfalls":       {"差距最大的项目", "差距最大的項目", "Largest shortfalls"},
	// The weekly dispatch (周调度).
	"weeklyLink":               {"周调度（本周）", "週調度（本週）", "Weekly dispatch, this week"},
	"weeklyHeading":            {"%[1]s%[2]s健康教育工作周调度", "%[1]s%[2]s健康教育工作週調度", "Weekly dispatch on health education: %[1]s, %[2]s"},
	"weekName":                 {"%[1]s年第%[2]s周", "%[1]s年第%[2]s週", "week %[2]s of %[1]s"},
	"weeklyWeek":               {"调度周", "調度週", "Week"},
	"weeklyWeekDates":          {"%[1]s（%[2]s）", "%[1]s（%[2]s）", "%[1]s (%[2]s)"},
	"prevWeek":                 {"上一周", "上一週", "Previous week"},
	"nextWeek":                 {"下一周", "下一週", "Next week"},
	"weeklyInProgress":         {"本周尚未结束：各项数据按周末（%[1]s）统计，本周内到期的月报已列为逾期，此前收到的数据还会改变本调度。", "本週尚未結束：各項資料按週末（%[1]s）統計，本週內到期的月報已列為逾期，此前收到的資料還會改變本調度。", "The week is not over: the figures are as of its end (%[1]s), the reports due within it are listed as overdue already, and what arrives before then will change this dispatch."},
	"weeklyProgress":           {"%[1]s工作进度", "%[1]s工作進度", "Progress in %[1]s"},
	"weeklyProgressNote":       {"指标值为本年度已到期月份的数据；全年累计的目标按已到期月份折算，标“按进度”。每格下方为有数据的单位数与应报单位数。", "指標值為本年度已到期月份的資料；全年累計的目標按已到期月份折算，標「按進度」。每格下方為有資料的單位數與應報單位數。", "Values cover the months of the year that are due; a target that accrues over the year is pro-rated to them (marked pro-rated). Below each value: the reporters with data over those expected."},
	"weeklyOverdueReports":     {"逾期未报月报", "逾期未報月報", "Monthly reports overdue"},
	"weeklyOverdueReportsNone": {"没有逾期未报的月报。", "沒有逾期未報的月報。", "No monthly report is overdue."},
	"weeklyOverdueCount":       {"共%s份月报逾期未报：", "共%s份月報逾期未報：", "%s monthly reports are overdue:"},
	"weeklyGroupCount":         {"%[1]s（%[2]s份）", "%[1]s（%[2]s份）", "%[1]s (%[2]s)"},
	"weeklyDeadlineOn":         {"（截止%s）", "（截止%s）", " (due %s)"},
	"weeklyDueThisWeek":        {"本周到期", "本週到期", "due this week"},
	"weeklyOverdueByChild":     {"各%s区划逾期未报月报", "各%s區劃逾期未報月報", "Monthly reports overdue by %s division"},
	"weeklyOverdueOmitted":     {"逾期未报月报共%[1]s份，本页不逐一列出：请在上表选择%[2]s区划，在其周调度中查看。", "逾期未報月報共%[1]s份，本頁不逐一列出：請在上表選擇%[2]s區劃，在其週調度中查看。", "The %[1]s monthly reports overdue are not listed one by one here: choose a %[2]s division in the table above to see them in its dispatch."},
	"colOverdueReports":        {"逾期月报（份）", "逾期月報（份）", "Reports overdue"},
	"colOverdueUnits":          {"涉及填报单位", "涉及填報單位", "Reporting divisions"},
	"colDueThisWeek":           {"其中本周到期", "其中本週到期", "Due this week"},
	"weeklyItems":              {"挂账整改事项", "掛帳整改事項", "Rectification items"},
	"weeklyNewItems":           {"本周新增（%s项）", "本週新增（%s項）", "Opened this week (%s)"},
	"weeklyOverdueItems":       {"逾期未整改（%s项）", "逾期未整改（%s項）", "Overdue (%s)"},
	"weeklyClosedItems":        {"本周销号（%s项）", "本週銷號（%s項）", "Closed this week (%s)"},
	"weeklyNoItems":            {"无。", "無。", "None."},
	"weeklyOf":                 {"（%s）", "（%s）", ", %s"},
	"colProblem":               {"问题", "問題", "Problem"},
	"colSource":                {"来源", "來源", "Source"},
	"colOwner":                 {"责任主体", "責任主體", "Responsible"},
	"colDeadline":              {"整改时限", "整改時限", "Deadline"},
	"colItemStatus":            {"状态", "狀態", "Status"},
	"colDaysOverdue":           {"逾期天数", "逾期天數", "Days overdue"},
	"ownerReportingUnit":       {"填报单位", "填報單位", "the reporting unit"},
	"weeklyActivities":         {"本周健康教育活动", "本週健康教育活動", "Health education activities this week"},
	"weeklyActivitiesNone":     {"本周没有活动记录。", "本週沒有活動記錄。", "No activity is recorded for this week."},
	"colForm":                  {"活动形式", "活動形式", "Form"},
	"colActivities":            {"场次", "場次", "Activities"},
	"colParticipants":          {"参与人次", "參與人次", "Person-times"},
	"errorWeek":                {"周调度按周编制，报告期应为周（如2025W44），不能是“%s”。", "週調度按週編製，報告期應為週（如2025W44），不能是「%s」。", "The weekly dispatch is for one week (such as 2025W44), not %q."},

	"errorTitle":      {"无法显示此页", "無法顯示此頁", "This page cannot be shown"},
	"errorHome":       {"返回看板首页", "返回看板首頁", "Go to the dashboard"},
	"errorNotFound":   {"没有这个页面。", "沒有這個頁面。", "There is no such page."},
	"errorMethod":     {"此页面只能以 GET 方式访问。", "此頁面只能以 GET 方式存取。", "This page can only be fetched with GET."},
	"errorUpstream":   {"数据服务暂时无法回答，请稍后再试。", "資料服務暫時無法回應，請稍後再試。", "The data service did not answer; please try again later."},
	"errorNoDivision": {"请输入区划代码。", "請輸入區劃代碼。", "Enter a division code."},
	"errorNoPeriod":   {"请选择报告期，如202510或2025Q3。", "請選擇報告期，如202510或2025Q3。", "Choose a period, such as 202510 or 2025Q3."},
	"errorPeriodType": {"看板显示年、半年、季度和月的数据，不能显示报告期“%s”。", "看板顯示年、半年、季度和月的資料，無法顯示報告期「%s」。", "The dashboard shows years, half-years, quarters and months, not the period %q."},
	"errorMonth":      {"月通报按月编制，报告期应为月份（如202510），不能是“%s”。", "月通報按月編製，報告期應為月份（如202510），不能是「%s」。", "The monthly notification is for one month (such as 202510), not %q."},
	"errorIndicator":  {"“%s”不是指标代码。", "「%s」不是指標代碼。", "%q is not an indicator code."},
	"errorParam":      {"参数 %s 有误", "參數 %s 有誤", "Wrong parameter %s"},

	"levelProvince": {"省级", "省級", "province"},
	"levelCity":     {"地级", "地級", "prefecture"},
	"levelCounty":   {"县级", "縣級", "county"},
	"levelTownship": {"乡级", "鄉級", "township"},
	"levelVillage":  {"村级", "村級", "village"},
}

// uiTables are uiMessages by language, for the templates.
var uiTables = func() (t [uiLangCount]map[string]string) {
	for l := range t {
		t[l] = make(map[string]string, len(uiMessages))
		for k, v := range uiMessages {
			t[l][k] = v[l]
		}
	}
	return t
}()

// sprintf formats the message key with args in language l.
func (l uiLang) sprintf(key string, args ...any) string {
	return fmt.Sprintf(uiMessages[key][l], args...)
}

// levelName returns the name of a division level as the API writes it
// ("county"), in language l; a level the dashboard does not know is shown
// as the API wrote it.
func (l uiLang) levelName(level string) string {
	key := map[string]string{
		"province": "levelProvince", "city": "levelCity", "county": "levelCounty",
		"township": "levelTownship", "village": "levelVillage",
	}[level]
	if key == "" {
		return level
	}
	return uiMessages[key][l]
}

// periodName returns the period as people read it: "2025年10月",
// "2025年第3季度", "October 2025", "Q3 2025". Weeks and days, which the
// dashboard does not show, keep their identifier.
func (l uiLang) periodName(p healthedu.Period) string {
	y := strconv.Itoa(p.Year())
	switch p.Type() {
	case healthedu.PeriodYear:
		if l == langEn {
			return y
		}
		return y + "年"
	case healthedu.PeriodHalfYear:
		h := periodIndex(p, healthedu.PeriodHalfYear)
		if l == langEn {
			return "H" + strconv.Itoa(h) + " " + y
		}
		return y + "年" + [...]string{"上半年", "下半年"}[h-1]
	case healthedu.PeriodQuarter:
		q := strconv.Itoa(periodIndex(p, healthedu.PeriodQuarter))
		switch l {
		case langEn:
			return "Q" + q + " " + y
		case langZhHant:
			return y + "年第" + q + "季"
		}
		return y + "年第" + q + "季度"
	case healthedu.PeriodMonth:
		m := p.Start().In(healthedu.ChinaStandardTime).Month()
		if l == langEn {
			return m.String() + " " + y
		}
		return y + "年" + strconv.Itoa(int(m)) + "月"
	}
	return p.String()
}

// monthAbbr returns the short name of month m for a chart axis: "10月",
// "Oct".
func (l uiLang) monthAbbr(m time.Month) string {
	if l == langEn {
		return m.String()[:3]
	}
	return strconv.Itoa(int(m)) + "月"
}

// periodIndex returns the 1-based position of period p among the periods of
// its type t in its year: the quarter of 2025Q3 is 3.
func periodIndex(p healthedu.Period, t healthedu.PeriodType) int {
	i := 0
	for q := range healthedu.YearPeriod(p.Year()).Sub(t) {
		i++
		if q == p {
			return i
		}
	}
	return 0
}
