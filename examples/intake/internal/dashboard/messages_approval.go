package dashboard

// approvalMessages are the UI strings of the data approval page (see
// approvals.go), in zh-Hans, zh-Hant and en, added to uiMessages when the
// package starts. The names of states and actions in the history are the
// approval package's own labels; the buttons say what they do.
var approvalMessages = map[string][uiLangCount]string{
	"approvalsLink":      {"数据审核（%s）", "資料審核（%s）", "Data approval, %s"},
	"approvalsHeading":   {"%[1]s%[2]s月报数据审核", "%[1]s%[2]s月報資料審核", "Approval of the monthly reports: %[1]s, %[2]s"},
	"approvalsMonth":     {"审核月份", "審核月份", "Month"},
	"approvalsUnits":     {"共%s个填报单位。", "共%s個填報單位。", "%s reporting divisions."},
	"approvalsTable":     {"各填报单位审核情况", "各填報單位審核情況", "Approval by reporting division"},
	"approvalsNone":      {"该区划没有需要审核的填报单位。", "該區劃沒有需要審核的填報單位。", "This division has no reporting divisions to approve."},
	"approvalsStale":     {"审核后数据已变动", "審核後資料已變動", "Data changed since approval"},
	"approvalsStaleNote": {"标“审核后数据已变动”的单位在审核或确认后修改了月报，原审核不再有效，须退回后重新提交、审核。", "標「審核後資料已變動」的單位在審核或確認後修改了月報，原審核不再有效，須退回後重新提交、審核。", "Divisions marked data changed since approval changed their reports after the approval or acceptance, which no longer counts: return them to be submitted and approved again."},
	"approvalsByChild":   {"各%s区划审核情况", "各%s區劃審核情況", "Approval by %s division"},
	"approvalsOmitted":   {"共%[1]s个填报单位，本页不逐一列出：请在上表选择%[2]s区划，在其页面查看和办理各单位的审核。", "共%[1]s個填報單位，本頁不逐一列出：請在上表選擇%[2]s區劃，在其頁面查看和辦理各單位的審核。", "The %[1]s reporting divisions are not listed one by one here: choose a %[2]s division in the table above to see and act on their approvals."},
	"colUnits":           {"填报单位数", "填報單位數", "Reporting divisions"},
	"approvalsHowTo":     {"办理时填写本人的接口令牌；退回须填写原因。令牌只用于本次操作，不会保存。", "辦理時填寫本人的介面權杖；退回須填寫原因。權杖只用於本次操作，不會保存。", "To act, enter your own API token; a return needs a reason. The token is used for this step only and never kept."},
	"prevMonth":          {"上一月", "上一月", "Previous month"},
	"nextMonth":          {"下一月", "下一月", "Next month"},
	"colUnit":            {"填报单位", "填報單位", "Reporting division"},
	"colApprovalState":   {"审核状态", "審核狀態", "State"},
	"colLastStep":        {"最近操作", "最近操作", "Last step"},
	"colAct":             {"办理", "辦理", "Act"},
	"historySteps":       {"操作记录（共%s步）", "操作記錄（共%s步）", "History (%s steps)"},
	"historyOneStep":     {"操作记录（共1步）", "操作記錄（共1步）", "History (1 step)"},
	"noSteps":            {"尚无操作", "尚無操作", "none yet"},
	"stepBy":             {"%[1]s，%[2]s", "%[1]s，%[2]s", "%[1]s, %[2]s"},
	"reasonLabel":        {"原因或意见", "原因或意見", "Reason or remark"},
	"reasonHint":         {"退回时必填", "退回時必填", "required to return"},
	"tokenLabel":         {"令牌", "權杖", "Token"},
	"noActions":          {"无可办理的操作", "無可辦理的操作", "no step possible"},
	"actSubmit":          {"提交", "提交", "Submit"},
	"actApprove":         {"审核通过", "審核通過", "Approve"},
	"actAccept":          {"确认", "確認", "Accept"},
	"actReturn":          {"退回", "退回", "Return"},
	"approvalDone":       {"%[1]s：%[2]s成功，当前状态为“%[3]s”。", "%[1]s：%[2]s成功，目前狀態為「%[3]s」。", "%[1]s: %[2]s done; the state is now %[3]s."},
	"approvalRefused":    {"%[1]s：%[2]s未成功。", "%[1]s：%[2]s未成功。", "%[1]s: %[2]s refused."},
	"problemCode":        {"问题代码", "問題代碼", "Code"},
	"roleSubmitter":      {"报送人员", "報送人員", "submitter"},
	"roleAdmin":          {"管理员", "管理員", "administrator"},
	"roleReader":         {"只读人员", "唯讀人員", "reader"},
	"roleApprover":       {"审核员", "審核員", "approver"},
	"errorApprovalMonth": {"数据按月审核，报告期应为月份（如202510），不能是“%s”。", "資料按月審核，報告期應為月份（如202510），不能是「%s」。", "Data are approved month by month: the period must be a month (such as 202510), not %q."},
	"errorFormType":      {"表单格式不正确，请从审核页面提交。", "表單格式不正確，請從審核頁面提交。", "The form is not in the format of a web form: send it from the approval page."},
	"errorFormSize":      {"表单内容过长。", "表單內容過長。", "The form is too large."},
	"errorFormField":     {"表单字段 %s 有误", "表單欄位 %s 有誤", "Wrong form field %s"},
}

func init() {
	for k, v := range approvalMessages {
		if _, ok := uiMessages[k]; ok {
			panic("dashboard: UI string " + k + " defined twice")
		}
		uiMessages[k] = v
		for l := range uiTables {
			uiTables[l][k] = v[l]
		}
	}
}
