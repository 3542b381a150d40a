package dashboard

// ledgerMessages are the UI strings of the rectification ledger's page,
// panel and section (see ledger.go), in zh-Hans, zh-Hant and en, added to
// uiMessages when the package starts.
var ledgerMessages = map[string][uiLangCount]string{
	"ledgerHeading":             {"%s挂账整改台账", "%s掛賬整改台賬", "Rectification ledger: %s"},
	"ledgerPanel":               {"挂账整改", "掛賬整改", "Rectification ledger"},
	"ledgerOpenCount":           {"未销号%[1]s项（共%[2]s项）", "未銷號%[1]s項（共%[2]s項）", "%[1]s of %[2]s items not yet closed"},
	"ledgerOverdueCount":        {"逾期%s项", "逾期%s項", "%s overdue"},
	"ledgerMostOverdue":         {"逾期最久的事项", "逾期最久的事項", "Most overdue"},
	"ledgerNoneOverdue":         {"没有逾期事项。", "沒有逾期事項。", "No item is overdue."},
	"ledgerLink":                {"查看整改台账", "查看整改台賬", "Open the ledger"},
	"ledgerUnavailable":         {"暂时无法取得整改台账。", "暫時無法取得整改台賬。", "The ledger could not be loaded."},
	"ledgerNone":                {"没有整改事项。", "沒有整改事項。", "There are no rectification items."},
	"ledgerDaysOverdue":         {"逾期%d天", "逾期%d天", "%d day(s) overdue"},
	"ledgerOverdue":             {"逾期", "逾期", "overdue"},
	"ledgerReportingUnit":       {"填报单位", "填報單位", "reporting unit"},
	"colItem":                   {"事项编号", "事項編號", "Item"},
	"colOpened":                 {"立项日期", "立項日期", "Opened"},
	"colLedgerStatus":           {"台账状态", "台賬狀態", "On the ledger"},
	"proposed":                  {"建议立项整改事项", "建議立項整改事項", "Rectification items proposed"},
	"proposedNote":              {"以下事项由本月数据和截至本月末的服务规范合规核查自动发现，提交后列入整改台账。", "以下事項由本月資料和截至本月末的服務規範合規核查自動發現，提交後列入整改台賬。", "These items follow from the month's figures and from the compliance check against the service norm as of the month's end; they are on the ledger once submitted."},
	"proposedNotDue":            {"截止日期后才根据本月数据和合规核查建议立项。", "截止日期後才根據本月資料和合規核查建議立項。", "Items are proposed from the month's figures and the compliance check after the deadline."},
	"proposedNone":              {"本月数据和合规核查没有需要立项整改的问题。", "本月資料和合規核查沒有需要立項整改的問題。", "Neither the month's figures nor the compliance check call for rectification."},
	"proposedStored":            {"已立项（%s）", "已立項（%s）", "on the ledger (%s)"},
	"proposedNotStored":         {"未立项", "未立項", "not yet on the ledger"},
	"proposedCount":             {"本月共建议立项%[1]s项，其中已立项%[2]s项。", "本月共建議立項%[1]s項，其中已立項%[2]s項。", "%[1]s items proposed this month, %[2]s of them on the ledger already."},
	"proposedByChild":           {"各%s区划建议立项事项", "各%s區劃建議立項事項", "Items proposed by %s division"},
	"proposedBlank":             {"空白表示没有该类建议事项。点击区划名称可查看其月通报及其中的事项。", "空白表示沒有該類建議事項。點擊區劃名稱可查看其月通報及其中的事項。", "A blank: no item of that kind. A division's name opens its own notification, with its items."},
	"proposedKindReportMissing": {"月报缺报", "月報缺報", "Monthly reports missing"},
	"proposedKindBelowTarget":   {"%s未达目标", "%s未達目標", "%s below target"},
	"proposedKindOther":         {"其他", "其他", "Other"},
	"colOnLedger":               {"其中已立项", "其中已立項", "On the ledger"},
	"proposedListed":            {"以下列出其中%s项，由各区划、各类问题依次选取。", "以下列出其中%s項，由各區劃、各類問題依次選取。", "%s of them are listed below, taken in turn from each division and kind."},
	"proposedMore":              {"另有%[1]s项未列出：各区划的事项见其月通报（上表区划名称的链接），全部%[2]s项见数据接口：", "另有%[1]s項未列出：各區劃的事項見其月通報（上表區劃名稱的連結），全部%[2]s項見資料介面：", "%[1]s more are not listed: each division's notification (linked from its name in the table above) lists its own, and the API all %[2]s of them:"},
}

func init() {
	for k, v := range ledgerMessages {
		if _, ok := uiMessages[k]; ok {
			panic("dashboard: UI string " + k + " defined twice")
		}
		uiMessages[k] = v
		for l := range uiTables {
			uiTables[l][k] = v[l]
		}
	}
}
