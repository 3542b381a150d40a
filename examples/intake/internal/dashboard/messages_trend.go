package dashboard

// trendMessages are the UI strings of the trend page and the pickers (see
// trend.go and picker.go), in zh-Hans, zh-Hant and en, added to
// uiMessages when the package starts.
var trendMessages = map[string][uiLangCount]string{
	// The division picker.
	"findDivision":    {"查找区划", "查找區劃", "Find a division"},
	"findPlaceholder": {"名称或代码，如 东昌府 或 371502", "名稱或代碼，如 东昌府 或 371502", "Name or code, e.g. 东昌府 or 371502"},
	"find":            {"查找", "查找", "Find"},
	"searchHeading":   {"查找区划", "查找區劃", "Find a division"},
	"searchFound":     {"共找到%[1]s个与“%[2]s”相符的区划：", "共找到%[1]s個與「%[2]s」相符的區劃：", "%[1]s division(s) match %[2]q:"},
	"searchNone":      {"没有与“%s”相符的区划。可输入名称的一部分、上级名称加空格（如“聊城 东昌府”）或区划代码。", "沒有與「%s」相符的區劃。可輸入名稱的一部分、上級名稱加空格（如「聊城 东昌府」）或區劃代碼。", "No division matches %q. Try part of a name, a parent's name and a space first (such as 聊城 东昌府), or a code."},
	"searchMore":      {"只列出前%s个，请输入更完整的名称或加上上级名称。", "只列出前%s個，請輸入更完整的名稱或加上上級名稱。", "Only the first %s are listed: give more of the name, or a parent's name first."},
	"searchHint":      {"可输入名称的一部分、上级名称加空格（如“聊城 东昌府”）或区划代码。", "可輸入名稱的一部分、上級名稱加空格（如「聊城 东昌府」）或區劃代碼。", "Give part of a name, a parent's name and a space first (such as 聊城 东昌府), or a code."},
	"searchBack":      {"返回", "返回", "Back"},
	"errorSearchPage": {"查找结果只能返回看板首页或趋势页，不能返回“%s”。", "查找結果只能返回看板首頁或趨勢頁，不能返回「%s」。", "A search returns to the start page or the trend page, not %q."},
	"errorSearchLong": {"查找内容过长：区划名称、路径或代码不超过%s个字。", "查找內容過長：區劃名稱、路徑或代碼不超過%s個字。", "The query is too long: a division's name, path or code has at most %s characters."},

	// The trend page.
	"trendLink":         {"查看趋势", "查看趨勢", "Trend over time"},
	"trendHeading":      {"%[1]s指标趋势（%[2]s）", "%[1]s指標趨勢（%[2]s）", "Trend: %[1]s, %[2]s"},
	"trendHeadingOf":    {"%[2]s%[1]s趋势（%[3]s）", "%[2]s%[1]s趨勢（%[3]s）", "%[1]s: %[2]s, %[3]s"},
	"trendSpan":         {"%[1]s至%[2]s", "%[1]s至%[2]s", "%[1]s to %[2]s"},
	"byMonth":           {"按月", "按月", "By month"},
	"byQuarter":         {"按季度", "按季", "By quarter"},
	"trendView":         {"时间粒度", "時間粒度", "Periods"},
	"trendYear":         {"年度", "年度", "Year"},
	"trendFrom":         {"起始年度", "起始年度", "From"},
	"trendTo":           {"截止年度", "截止年度", "To"},
	"trendIndicator":    {"指标", "指標", "Indicator"},
	"trendBack":         {"返回看板", "返回看板", "Back to the dashboard"},
	"colPeriod":         {"报告期", "報告期", "Period"},
	"colLastYear":       {"上年同期", "上年同期", "A year before"},
	"colMoM":            {"环比", "環比", "Month on month"},
	"colQoQ":            {"环比", "環比", "Quarter on quarter"},
	"colYoY":            {"同比", "同比", "Year on year"},
	"colYoYQuarter":     {"同比", "同比", "Year on year"},
	"unitPoints":        {"（百分点）", "（百分點）", " (pp)"},
	"unitPercent":       {"（%）", "（%）", " (%)"},
	"trendNotePercent":  {"环比、同比为指标值之差，单位为百分点；无值的报告期不计算变化，不按0计。", "環比、同比為指標值之差，單位為百分點；無值的報告期不計算變化，不按0計。", "Changes are differences of the values, in percentage points (pp); a period without a value has no change and never counts as 0."},
	"trendNoteRatio":    {"环比、同比为指标值之差，单位与指标值相同；无值的报告期不计算变化，不按0计。", "環比、同比為指標值之差，單位與指標值相同；無值的報告期不計算變化，不按0計。", "Changes are differences of the values, in the indicator's own unit; a period without a value has no change and never counts as 0."},
	"trendNoteCount":    {"环比、同比为相对变化（%）；无值或上期为0的报告期不计算变化，不按0计。", "環比、同比為相對變化（%）；無值或上期為0的報告期不計算變化，不按0計。", "Changes are relative, in per cent; a period without a value, or after a count of 0, has no change, and no value counts as 0."},
	"trendUnavailable":  {"暂时无法取得", "暫時無法取得", "could not be loaded"},
	"trendNone":         {"所选期间该指标没有数据。", "所選期間該指標沒有資料。", "The indicator has no figures in the periods chosen."},
	"trendDesc":         {"实线为各期指标值，灰色虚线为上年同期，黑色虚线为目标。", "實線為各期指標值，灰色虛線為上年同期，黑色虛線為目標。", "The solid line is the value of each period, the grey dashed line the year before, the black dashed line the target."},
	"trendLastYear":     {"上年同期 %s", "上年同期 %s", "a year before: %s"},
	"legendValue":       {"本期", "本期", "This period"},
	"legendLastYear":    {"上年同期", "上年同期", "A year before"},
	"legendTarget":      {"目标", "目標", "Target"},
	"trendTable":        {"各期数值", "各期數值", "Figures by period"},
	"errorTrendYear":    {"趋势按年度显示，year 应为年份（如2025），不能是“%s”。", "趨勢按年度顯示，year 應為年份（如2025），不能是「%s」。", "year is a year (such as 2025), not %q."},
	"errorTrendBy":      {"by 应为 month 或 quarter，不能是“%s”。", "by 應為 month 或 quarter，不能是「%s」。", "by is month or quarter, not %q."},
	"errorTrendQuarter": {"应为年份或季度（如2024或2024Q3），不能是“%s”。", "應為年份或季度（如2024或2024Q3），不能是「%s」。", "Give a year or a quarter (such as 2024 or 2024Q3), not %q."},
	"errorTrendRange":   {"起止季度应先后有序，且不超过%s个季度。", "起止季度應先後有序，且不超過%s個季度。", "from must not be after to, and the span at most %s quarters."},
}

func init() {
	for k, v := range trendMessages {
		if _, ok := uiMessages[k]; ok {
			panic("dashboard: UI string " + k + " defined twice")
		}
		uiMessages[k] = v
		for l := range uiTables {
			uiTables[l][k] = v[l]
		}
	}
}
