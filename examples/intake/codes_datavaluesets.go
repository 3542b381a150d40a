package main

import "github.com/jiceng/jiceng/healthedu"

// The issue codes of /api/dataValueSets (see datavaluesets.go).
const (
	codeDVSAsync    = "intake.dvsAsync"
	codeDVSStrategy = "intake.dvsImportStrategy"
	codeDVSLevel    = "intake.dvsLevel"
	codeDVSSuccess  = "intake.dvsSuccess"
	codeDVSWarning  = "intake.dvsWarning"
	codeDVSError    = "intake.dvsError"
	codeDHIS2Map    = "intake.dhis2Mapping"
)

func init() {
	e, i := healthedu.SeverityError, healthedu.SeverityInformation
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeDVSAsync, Severity: e, Params: []string{"value"},
			Meaning: "POST /api/dataValueSets imports at once and answers with the import summary: async must be false or left out",
			ZhHans:  "本平台即时导入并在应答中给出导入摘要，不支持异步导入：async 应为 false 或省略（收到 %[1]v）",
			ZhHant:  "本平台即時匯入並在應答中給出匯入摘要，不支援非同步匯入：async 應為 false 或省略（收到 %[1]v）",
			En:      "Imports run at once and answer with the import summary; asynchronous imports are not offered: give async=false or leave it out (got %[1]v)"},
		healthedu.CodeDef{Code: codeDVSStrategy, Severity: e, Params: []string{"value"},
			Meaning: "the import strategy, of the request or of the document, is not one the platform takes",
			ZhHans:  "导入策略 %[1]v 无效：应为 CREATE、UPDATE、CREATE_AND_UPDATE 或 DELETE",
			ZhHant:  "匯入策略 %[1]v 無效：應為 CREATE、UPDATE、CREATE_AND_UPDATE 或 DELETE",
			En:      "Import strategy %[1]v is not valid: give CREATE, UPDATE, CREATE_AND_UPDATE or DELETE"},
		healthedu.CodeDef{Code: codeDVSLevel, Severity: e, Params: []string{"level", "reportingLevel"},
			Meaning: "an export cannot split the figures of a reporting unit: the level must be at or above the reporting level",
			ZhHans:  "无法按 %[1]v 级导出：本平台的填报层级为 %[2]v，导出层级不得低于填报层级",
			ZhHant:  "無法按 %[1]v 級匯出：本平台的填報層級為 %[2]v，匯出層級不得低於填報層級",
			En:      "Cannot export at level %[1]v: the platform's reporting level is %[2]v, and an export cannot go below it"},
		healthedu.CodeDef{Code: codeDVSSuccess, Severity: i,
			Meaning: "the message of an import of data values without conflicts",
			ZhHans:  "导入成功", ZhHant: "匯入成功",
			En: "Import was successful."},
		healthedu.CodeDef{Code: codeDVSWarning, Severity: i,
			Meaning: "the message of an import of data values with conflicts, of which some values were stored",
			ZhHans:  "导入时发生冲突，部分数据值未导入，请查看导入摘要", ZhHant: "匯入時發生衝突，部分資料值未匯入，請查看匯入摘要",
			En: "One or more conflicts encountered, please check import summary."},
		healthedu.CodeDef{Code: codeDVSError, Severity: i,
			Meaning: "the message of an import of data values with conflicts, of which no value was stored",
			ZhHans:  "导入失败，未导入任何数据值，请查看导入摘要", ZhHant: "匯入失敗，未匯入任何資料值，請查看匯入摘要",
			En: "An error occurred, please check import summary."},
		healthedu.CodeDef{Code: codeDHIS2Map, Severity: e, Params: []string{"file", "reason"},
			Meaning: "the DHIS2 mapping table of -dhis2-mapping cannot be read",
			ZhHans:  "无法读取 DHIS2 映射表 %[1]v：%[2]v", ZhHant: "無法讀取 DHIS2 映射表 %[1]v：%[2]v",
			En: "Cannot read the DHIS2 mapping table %[1]v: %[2]v"},
	)
}
