package dashboard

// ledgerMessages are the UI strings of the rectification ledger's page,
// panel and section (see ledger.go), in zh-Hans, zh-Hant and en, added to
// uiMessages when the package starts.
var ledgerMessages = map[string][uiLangCount]string{
	"ledgerHeading":       {"%s挂账整改台账", "%s掛賬整改台賬", "Rectification ledger: %s"},
	"ledgerPanel":         {"挂账整改", "掛賬整改", "Rectification ledger"},
	"ledgerOpenCount":     {"未销号%[1]s项（共%[2]s项）", "未銷號%[1]s項（共%[2]s項）", "%[1]s of %[2]s items not yet closed"},
	"ledgerOverdueCount":  {"逾期%s项", "逾期%s項", "%s overdue"},
	"ledgerMostOverdue":   {"逾期最久的事项", "逾期最久的事項", "Most overdue"},
	"ledgerNoneOverdue":   {"没有逾期事项。", "沒有逾期事項。", "No item is overdue."},
	"ledgerLink":          {"查看整改台账", "查看整改台賬", "Open the ledger"},
	"ledgerUnavailable":   {"暂时无法取得整改台账。", "暫時無法取得整改台賬。", "The ledger could not be loaded."},
	"ledgerNone":          {"没有整改事项。", "沒有整改事項。", "There are no rectification items."},
	"ledgerDaysOverdue":   {"逾期%d天", "逾期%d天", "%d day(s) overdue"},
	"ledgerOverdue":       {"逾期", "逾期", "overdue"},
	"ledgerReportingUnit": {"填报单位", "填報單位", "reporting unit"},
	"colItem":             {"事项编号", "事項編號", "Item"},
	"colOpened":           {"立项日期", "立項日期", "Opened"},
	"colLedgerStatus":     {"台账状态", "台賬狀態", "On the ledger"},
	"proposed":            {"建议立项整改事项", "建議立項整改事項", "Rectification items proposed"},
	"proposedNote":        {"以下事项由本月数据和截至本月末的服务规范合规核查自动发现，提交后列入整改台账。", "以下事項由本月資料和截至本月末的服務規範合規核查自動發現，提交後列入整改台賬。", "These items follow from the month's figures and from the compliance check against the service norm as of the month's end; they are on the ledger once submitted."},
	"proposedNotDue":      {"截止日期后才根据本月数据和合规核查建议立项。", "截止日期後才根據本月資料和合規核查建議立項。", "Items are proposed from the month's figures and the compliance check after the deadline."},
	"proposedNone":        {"本月数据和合规核查没有需要立项整改的问题。", "本月資料和合規核查沒有需要立項整改的問題。", "Neither the month's figures nor the compliance check call for rectification."},
	"proposedStored":      {"已立项（%s）", "已立項（%s）", "on the ledger (%s)"},
	"proposedNotStored":   {"未立项", "未立項", "not yet on the ledger"},
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
