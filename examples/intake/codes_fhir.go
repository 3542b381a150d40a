package main

import "github.com/jiceng/jiceng/healthedu"

// The issue codes of the FHIR endpoints (FHIR 接口问题代码), registered like
// those of codes.go; the endpoints answer with them in an OperationOutcome
// (see fhir.go).
const (
	codeFHIRParamRequired = "intake.fhirParamRequired"
	codeFHIRDate          = "intake.fhirDate"
	codeFHIRPeriod        = "intake.fhirPeriod"
	codeMeasureNotFound   = "intake.measureNotFound"
)

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeFHIRParamRequired, Severity: e, Params: []string{"name"},
			Meaning: "a parameter of $evaluate-measure that the platform needs is missing: periodStart and periodEnd always, subject when no token names a division",
			ZhHans:  "缺少参数 %[1]v：$evaluate-measure 须给出 periodStart、periodEnd，未用令牌时还须给出 subject（区划代码）",
			ZhHant:  "缺少參數 %[1]v：$evaluate-measure 須給出 periodStart、periodEnd，未用權杖時還須給出 subject（區劃代碼）",
			En:      "Parameter %[1]v is missing: $evaluate-measure takes periodStart and periodEnd, and subject (a division code) when no token names one"},
		healthedu.CodeDef{Code: codeFHIRDate, Severity: e, Params: []string{"name", "value"},
			Meaning: "periodStart or periodEnd is not a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD",
			ZhHans:  "参数 %[1]v 的值“%[2]v”不是日期：应写作年、年-月或年-月-日，如 2025、2025-10、2025-10-01",
			ZhHant:  "參數 %[1]v 的值「%[2]v」不是日期：應寫作年、年-月或年-月-日，如 2025、2025-10、2025-10-01",
			En:      "Parameter %[1]v, %[2]v, is not a date: write a year, a year-month or a year-month-day, such as 2025, 2025-10 or 2025-10-01"},
		healthedu.CodeDef{Code: codeFHIRPeriod, Severity: e, Params: []string{"start", "end"},
			Meaning: "periodStart to periodEnd is not exactly one month, quarter, half-year or year of the calendar, the periods the platform computes indicators over",
			ZhHans:  "periodStart %[1]v 至 periodEnd %[2]v 不恰好是一个自然月、季度、半年或年：请给出其第一天和最后一天",
			ZhHant:  "periodStart %[1]v 至 periodEnd %[2]v 不恰好是一個自然月、季度、半年或年：請給出其第一天和最後一天",
			En:      "periodStart %[1]v to periodEnd %[2]v is not exactly one calendar month, quarter, half-year or year: give its first and last days"},
		healthedu.CodeDef{Code: codeMeasureNotFound, Severity: e, Params: []string{"id"},
			Meaning: "the catalogue has no indicator with the id of the path, so no Measure",
			ZhHans:  "指标目录中没有代码为“%[1]v”的指标（Measure）",
			ZhHant:  "指標目錄中沒有代碼為「%[1]v」的指標（Measure）",
			En:      "The catalogue has no indicator (Measure) with code %[1]v"},
	)
}
