package dashboard

// pivotMessages are the UI strings of the pivot table and its exports
// (see pivot.go and pivot_export.go), in zh-Hans, zh-Hant and en, added to
// uiMessages when the package starts.
var pivotMessages = map[string][uiLangCount]string{
	"pivotLink":           {"数据透视表", "資料透視表", "Pivot table"},
	"pivotHeading":        {"%s数据透视表", "%s資料透視表", "Pivot table: %s"},
	"pivotCaption":        {"%[1]s：%[2]s（行）× %[3]s（列）", "%[1]s：%[2]s（列）× %[3]s（欄）", "%[1]s: %[2]s (rows) by %[3]s (columns)"},
	"pivotDimIndicator":   {"指标", "指標", "Indicators"},
	"pivotDimDivision":    {"区划", "區劃", "Divisions"},
	"pivotDimPeriod":      {"报告期", "報告期", "Periods"},
	"pivotRows":           {"行", "列", "Rows"},
	"pivotCols":           {"列", "欄", "Columns"},
	"pivotBy":             {"报告期细分", "報告期細分", "Periods by"},
	"pivotIndicator":      {"指标", "指標", "Indicator"},
	"pivotSwap":           {"行列互换", "列欄互換", "Swap rows and columns"},
	"pivotSortBy":         {"按“%s”排序", "按「%s」排序", "Sort by %s"},
	"pivotSortAxis":       {"按原顺序排序", "按原順序排序", "Sort in the axis's order"},
	"pivotOwn":            {"合计", "合計", "total"},
	"pivotCellNote":       {"每格为指标值，其下为有数据的单位数/应报单位数；标“部分”的值只反映部分单位，⚠ 为数据提示，“无数据”不等于0。点击列标题按该列排序，再次点击反向排序。", "每格為指標值，其下為有資料的單位數/應報單位數；標「部分」的值只反映部分單位，⚠ 為資料提示，「無資料」不等於0。點選欄標題按該欄排序，再次點選反向排序。", "Each cell is the value, with the reporters that have data over those expected below it; a value marked partial reflects only some of them, ⚠ marks a warning, and no data is not 0. Click a column's head to sort by it, again to reverse."},
	"pivotScrollNote":     {"表格可左右滑动。", "表格可左右滑動。", "The table scrolls sideways."},
	"pivotFlags":          {"数据提示（%d处）", "資料提示（%d處）", "Data warnings (%d)"},
	"pivotExport":         {"导出", "匯出", "Export"},
	"pivotExportCSV":      {"CSV（Excel 可打开）", "CSV（Excel 可開啟）", "CSV (opens in Excel)"},
	"pivotExportXLSX":     {"Excel 工作簿（XLSX）", "Excel 活頁簿（XLSX）", "Excel workbook (XLSX)"},
	"pivotErrorDim":       {"“%s”不是透视维度，应为 indicator（指标）、division（区划）或 period（报告期）。", "「%s」不是透視維度，應為 indicator（指標）、division（區劃）或 period（報告期）。", "%q is not a dimension: use indicator, division or period."},
	"pivotErrorSameDim":   {"行和列不能都是“%s”。", "列和欄不能都是「%s」。", "Rows and columns cannot both be %q."},
	"pivotErrorBy":        {"“%s”不是报告期细分方式，应为 month（月）、quarter（季度）或 half（半年）。", "「%s」不是報告期細分方式，應為 month（月）、quarter（季）或 half（半年）。", "%q is not a way to divide the period: use month, quarter or half."},
	"pivotErrorOrder":     {"“%s”不是排序方向，应为 asc（升序）或 desc（降序）。", "「%s」不是排序方向，應為 asc（升冪）或 desc（降冪）。", "%q is not an order: use asc or desc."},
	"exportSheet":         {"数据透视", "資料透視", "Pivot"},
	"exportIndicatorCode": {"指标代码", "指標代碼", "Indicator code"},
	"exportIndicatorName": {"指标名称", "指標名稱", "Indicator"},
	"exportDivisionCode":  {"区划代码", "區劃代碼", "Division code"},
	"exportDivisionName":  {"区划名称", "區劃名稱", "Division"},
	"exportPeriodCode":    {"报告期代码", "報告期代碼", "Period code"},
	"exportPeriodName":    {"报告期", "報告期", "Period"},
	"exportValue":         {"指标值", "指標值", "Value"},
	"exportNumerator":     {"分子", "分子", "Numerator"},
	"exportDenominator":   {"分母", "分母", "Denominator"},
	"exportReporting":     {"有数据单位数", "有資料單位數", "Reporters with data"},
	"exportExpected":      {"应报单位数", "應報單位數", "Reporters expected"},
	"exportDirection":     {"目标方向", "目標方向", "Target direction"},
	"exportTarget":        {"目标值", "目標值", "Target"},
	"exportStatus":        {"达标情况", "達標情況", "Status"},
	"exportReason":        {"无值原因", "無值原因", "Why no value"},
	"exportFlags":         {"数据提示", "資料提示", "Warnings"},
}

func init() {
	for k, v := range pivotMessages {
		if _, ok := uiMessages[k]; ok {
			panic("dashboard: UI string " + k + " defined twice")
		}
		uiMessages[k] = v
		for l := range uiTables {
			uiTables[l][k] = v[l]
		}
	}
}
