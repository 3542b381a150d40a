package main

import (
	"net/http"

	"github.com/jiceng/jiceng/healthedu"
)

// Every text the server shows a person — the detail and the title of a
// problem document, the message of an issue in an import summary — is an
// issue code (问题代码) registered with package healthedu, with its message
// in zh-Hans, zh-Hant and en, rendered in the language of the request's
// Accept-Language (zh-Hans by default). The codes below are the server's
// own; the records' issues use the library's codes besides.

// The problem codes of the server: the "code" of a problem document.
const (
	codeAuthRequired     = "auth.required"        // 401: no bearer token
	codeAuthInvalid      = "auth.invalid"         // 401: a token the server does not know
	codeAuthForbidden    = "auth.forbidden"       // 403: the token's role may not do this
	codeStreamForbidden  = "stream.forbidden"     // 403: another recipient's stream
	codeLastEventID      = "stream.lastEventId"   // 400: a Last-Event-ID that is not a decimal number
	codeStreamTooMany    = "stream.tooMany"       // 429: the token has the most streams open it may
	codeBodyTooLarge     = "request.tooLarge"     // 413
	codeBodySyntax       = "request.syntax"       // 400: the body is not well-formed JSON
	codeBodyTruncated    = "request.truncated"    // 400: the body ends inside its JSON
	codeBodyNotArray     = "request.notArray"     // 400: readings not sent as a JSON array
	codeBodyTrailing     = "request.trailingData" // 400: data after the array of readings
	codeBodyTooMany      = "request.tooManyItems" // 400: more readings than one request may hold
	codeBodyRead         = "request.read"         // 400: the body could not be read at all
	codeBodyEmpty        = "request.empty"        // 400: no record or reading at all
	codeQuery            = "request.query"        // 400: a query parameter with a value the endpoint does not take
	codeImportRejected   = "import.rejected"      // 422: every item of a request was rejected
	codeNotFound         = "route.notFound"       // 404: no such endpoint
	codeMethod           = "route.method"         // 405
	codeAlertUnknown     = "alert.unknown"        // 404: no such alert among those the recipient was told of and may still see
	codeAlertClosed      = "alert.closed"         // 409
	codeAlertAcked       = "alert.acknowledged"   // 409: the caller acknowledged the alert already
	codeAlertNotYours    = "alert.closeForbidden" // 403: the caller's role is not responsible for the alert
	codeStoreUnavailable = "store.unavailable"    // 503: the log could not be written; nothing was applied
	codeStoreDown        = "store.down"           // 503: /healthz, the database does not answer
	codeShuttingDown     = "server.shuttingDown"  // 503
	codeInternal         = "server.internal"      // 500
)

// The issue codes the server adds to those of the library in an import
// summary.
const (
	codeEndpointKind      = "endpoint.kind"
	codeCitizenIDInText   = "record.citizenIdInText"
	codeUnknownResident   = "reading.unknownResident"
	codeReadingRejected   = "reading.rejected"
	codeReadingTimeRange  = "reading.timeRange"
	codeCaseRejected      = "caseReport.rejected"
	codeUnregisteredTitle = "http.status" // the title of a status without a code of its own
)

// titleCodes are the codes of the titles of problem documents, by HTTP
// status: the status phrase, in the reader's language.
var titleCodes = map[int]string{
	http.StatusBadRequest:            "http.badRequest",
	http.StatusUnauthorized:          "http.unauthorized",
	http.StatusForbidden:             "http.forbidden",
	http.StatusNotFound:              "http.notFound",
	http.StatusMethodNotAllowed:      "http.methodNotAllowed",
	http.StatusConflict:              "http.conflict",
	http.StatusRequestEntityTooLarge: "http.contentTooLarge",
	http.StatusUnprocessableEntity:   "http.unprocessableContent",
	http.StatusTooManyRequests:       "http.tooManyRequests",
	http.StatusInternalServerError:   "http.internalServerError",
	http.StatusServiceUnavailable:    "http.serviceUnavailable",
}

// titleCode returns the code of the title of a problem with status.
func titleCode(status int) string {
	if c, ok := titleCodes[status]; ok {
		return c
	}
	return codeUnregisteredTitle
}

// gridopsCodes are the codes the server registers: its problems, the
// titles of its problems, and the issues it adds to import summaries.
var gridopsCodes = []healthedu.CodeDef{
	// Problems.
	{Code: codeAuthRequired,
		Meaning: "A request without a bearer token.",
		ZhHans:  "缺少访问令牌：请在请求头 Authorization 中以 Bearer 方式提供令牌",
		ZhHant:  "缺少存取權杖：請在請求標頭 Authorization 中以 Bearer 方式提供權杖",
		En:      "A bearer token is required (Authorization: Bearer TOKEN)"},
	{Code: codeAuthInvalid,
		Meaning: "A bearer token the server does not know.",
		ZhHans:  "访问令牌无效",
		ZhHant:  "存取權杖無效",
		En:      "The bearer token is not valid"},
	{Code: codeAuthForbidden, Params: []string{"role", "method", "path"},
		Meaning: "The role of the token may not use this endpoint: operators write, recipients read their alerts.",
		ZhHans:  "角色 %[1]v 无权执行 %[2]v %[3]v",
		ZhHant:  "角色 %[1]v 無權執行 %[2]v %[3]v",
		En:      "Role %[1]v may not %[2]v %[3]v"},
	{Code: codeStreamForbidden,
		Meaning: "A recipient asked for another recipient's stream.",
		ZhHans:  "只能收听本人的预警推送：参数 recipient 应为本人的标识或角色",
		ZhHant:  "只能收聽本人的預警推送：參數 recipient 應為本人的識別碼或角色",
		En:      "A recipient may listen only to its own stream: recipient must be the caller's ID or role"},
	{Code: codeLastEventID,
		Meaning: "A Last-Event-ID that is not the decimal ID of an event.",
		ZhHans:  "请求头 Last-Event-ID 应为本服务发出的事件编号（十进制整数）",
		ZhHant:  "請求標頭 Last-Event-ID 應為本服務發出的事件編號（十進位整數）",
		En:      "Last-Event-ID must be the ID of an event this server sent, a decimal number"},
	{Code: codeStreamTooMany, Params: []string{"max"},
		Meaning: "The token has as many event streams open as it may (-max-streams); Retry-After says when to try again.",
		ZhHans:  "此令牌同时打开的预警推送连接已达上限（%[1]v 个），请先关闭其他连接，稍后再试",
		ZhHant:  "此權杖同時開啟的預警推送連線已達上限（%[1]v 個），請先關閉其他連線，稍後再試",
		En:      "This token already has %[1]v event streams open, the most it may; close one and retry later"},
	{Code: codeBodyTooLarge, Params: []string{"limit"},
		Meaning: "The request body is larger than the server takes.",
		ZhHans:  "请求内容超过 %[1]v 字节的上限",
		ZhHant:  "請求內容超過 %[1]v 位元組的上限",
		En:      "The request body exceeds the limit of %[1]v bytes"},
	{Code: codeBodySyntax, Params: []string{"offset"},
		Meaning: "The body of readings is not well-formed JSON; offset is the byte where reading failed.",
		ZhHans:  "请求内容不是格式正确的 JSON：第 %[1]v 字节附近无法解析",
		ZhHant:  "請求內容不是格式正確的 JSON：第 %[1]v 位元組附近無法解析",
		En:      "The request body is not well-formed JSON: it cannot be read near byte %[1]v"},
	{Code: codeBodyTruncated,
		Meaning: "The body of readings ends inside its JSON.",
		ZhHans:  "请求内容意外结束，JSON 不完整",
		ZhHant:  "請求內容意外結束，JSON 不完整",
		En:      "Unexpected end of input: the JSON of the request body is incomplete"},
	{Code: codeBodyNotArray,
		Meaning: "Readings sent otherwise than as a JSON array.",
		ZhHans:  "请求内容应为设备读数组成的 JSON 数组",
		ZhHant:  "請求內容應為設備讀數組成的 JSON 陣列",
		En:      "The request body must be a JSON array of device readings"},
	{Code: codeBodyTrailing,
		Meaning: "Data after the end of the array of readings.",
		ZhHans:  "读数数组结束后还有多余内容",
		ZhHant:  "讀數陣列結束後還有多餘內容",
		En:      "Unexpected data after the end of the array of readings"},
	{Code: codeBodyTooMany, Params: []string{"max"},
		Meaning: "More readings than one request may hold.",
		ZhHans:  "一次最多提交 %[1]v 条读数",
		ZhHant:  "一次最多提交 %[1]v 筆讀數",
		En:      "At most %[1]v readings may be sent at once"},
	{Code: codeBodyRead,
		Meaning: "The request body could not be read to its end.",
		ZhHans:  "请求内容未能完整读取",
		ZhHant:  "請求內容未能完整讀取",
		En:      "The request body could not be read to its end"},
	{Code: codeBodyEmpty,
		Meaning: "A request of records or readings that holds none.",
		ZhHans:  "请求中没有任何记录或读数",
		ZhHant:  "請求中沒有任何記錄或讀數",
		En:      "The request holds no records or readings"},
	{Code: codeImportRejected, Params: []string{"rejected"},
		Meaning: "Every record or reading of the request was rejected and none was applied; the problem's summary says why.",
		ZhHans:  "提交的 %[1]v 项全部未通过校验，均未受理，原因见 summary 中的问题列表",
		ZhHant:  "提交的 %[1]v 項全部未通過校驗，均未受理，原因見 summary 中的問題列表",
		En:      "All %[1]v items were rejected and none was applied; the issues in summary say why"},
	{Code: codeQuery, Params: []string{"name", "allowed"},
		Meaning: "A query parameter with a value the endpoint does not take; allowed lists those it takes.",
		ZhHans:  "参数 %[1]v 的取值应为以下之一：%[2]v",
		ZhHant:  "參數 %[1]v 的取值應為以下之一：%[2]v",
		En:      "Parameter %[1]v must be one of %[2]v"},
	{Code: codeNotFound,
		Meaning: "No endpoint at this path.",
		ZhHans:  "请求的接口不存在",
		ZhHant:  "請求的介面不存在",
		En:      "No such endpoint"},
	{Code: codeMethod, Params: []string{"method", "allow"},
		Meaning: "A method the endpoint does not take; allow lists those it takes.",
		ZhHans:  "此接口不支持 %[1]v 方法，请使用 %[2]v",
		ZhHant:  "此介面不支援 %[1]v 方法，請使用 %[2]v",
		En:      "%[1]v is not allowed here; use %[2]v"},
	{Code: codeAlertUnknown, Params: []string{"alert"},
		Meaning: "No alert with this ID among those the caller was told of and may still see: a withdrawn data authorisation hides an alert as if it had never been told.",
		ZhHans:  "在您收到且仍可查看的预警中，没有编号为 %[1]v 的预警",
		ZhHant:  "在您收到且仍可查看的預警中，沒有編號為 %[1]v 的預警",
		En:      "No alert %[1]v among those you were notified of and may still see"},
	{Code: codeAlertClosed, Params: []string{"alert"},
		Meaning: "The alert is closed already.",
		ZhHans:  "预警 %[1]v 已关闭",
		ZhHant:  "預警 %[1]v 已關閉",
		En:      "Alert %[1]v is closed"},
	{Code: codeAlertAcked, Params: []string{"alert"},
		Meaning: "The caller acknowledged the alert already; each recipient acknowledges once, in its own name.",
		ZhHans:  "您已确认过预警 %[1]v",
		ZhHant:  "您已確認過預警 %[1]v",
		En:      "You have already acknowledged alert %[1]v"},
	{Code: codeAlertNotYours, Params: []string{"alert", "roles"},
		Meaning: "The caller's role is not among those responsible for the alert (grid.Rule.Responsible), which alone may close it.",
		ZhHans:  "只有负责预警 %[1]v 的角色（%[2]v）可以关闭它；您可以确认已收到",
		ZhHant:  "只有負責預警 %[1]v 的角色（%[2]v）可以關閉它；您可以確認已收到",
		En:      "Only the roles responsible for alert %[1]v (%[2]v) may close it; you may acknowledge it"},
	{Code: codeStoreUnavailable,
		Meaning: "The request could not be written to the log, and so was not applied.",
		ZhHans:  "请求未能保存，因而未被执行，请重试",
		ZhHant:  "請求未能儲存，因而未被執行，請重試",
		En:      "The request could not be stored and was not applied; retry"},
	{Code: codeStoreDown,
		Meaning: "The database does not answer (/healthz).",
		ZhHans:  "数据库无响应",
		ZhHant:  "資料庫無回應",
		En:      "The database does not answer"},
	{Code: codeShuttingDown,
		Meaning: "The server is shutting down.",
		ZhHans:  "服务正在关闭，请稍后重新连接",
		ZhHant:  "服務正在關閉，請稍後重新連線",
		En:      "The server is shutting down; reconnect later"},
	{Code: codeInternal,
		Meaning: "An error of the server, logged for its operator.",
		ZhHans:  "服务器内部错误，已记录，请稍后重试",
		ZhHant:  "伺服器內部錯誤，已記錄，請稍後重試",
		En:      "Internal server error, logged for the operator; retry later"},

	// Titles of problems.
	{Code: "http.badRequest", Meaning: "The title of a problem with status 400.",
		ZhHans: "请求有误", ZhHant: "請求有誤", En: "Bad Request"},
	{Code: "http.unauthorized", Meaning: "The title of a problem with status 401.",
		ZhHans: "未通过身份认证", ZhHant: "未通過身分驗證", En: "Unauthorized"},
	{Code: "http.forbidden", Meaning: "The title of a problem with status 403.",
		ZhHans: "无权访问", ZhHant: "無權存取", En: "Forbidden"},
	{Code: "http.notFound", Meaning: "The title of a problem with status 404.",
		ZhHans: "未找到", ZhHant: "找不到", En: "Not Found"},
	{Code: "http.methodNotAllowed", Meaning: "The title of a problem with status 405.",
		ZhHans: "方法不允许", ZhHant: "方法不允許", En: "Method Not Allowed"},
	{Code: "http.conflict", Meaning: "The title of a problem with status 409.",
		ZhHans: "状态冲突", ZhHant: "狀態衝突", En: "Conflict"},
	{Code: "http.contentTooLarge", Meaning: "The title of a problem with status 413.",
		ZhHans: "请求内容过大", ZhHant: "請求內容過大", En: "Content Too Large"},
	{Code: "http.unprocessableContent", Meaning: "The title of a problem with status 422.",
		ZhHans: "内容未通过校验", ZhHant: "內容未通過校驗", En: "Unprocessable Content"},
	{Code: "http.tooManyRequests", Meaning: "The title of a problem with status 429.",
		ZhHans: "请求过多", ZhHant: "請求過多", En: "Too Many Requests"},
	{Code: "http.internalServerError", Meaning: "The title of a problem with status 500.",
		ZhHans: "服务器内部错误", ZhHant: "伺服器內部錯誤", En: "Internal Server Error"},
	{Code: "http.serviceUnavailable", Meaning: "The title of a problem with status 503.",
		ZhHans: "服务暂不可用", ZhHant: "服務暫時無法使用", En: "Service Unavailable"},
	{Code: codeUnregisteredTitle, Params: []string{"status"},
		Meaning: "The title of a problem with a status that has no title of its own.",
		ZhHans:  "错误 %[1]v", ZhHant: "錯誤 %[1]v", En: "Error %[1]v"},

	// Issues of import summaries.
	{Code: codeEndpointKind, Params: []string{"value", "endpoint"},
		Meaning: "A record of a kind that this endpoint of the grid server does not take; endpoint names the one that does.",
		ZhHans:  "此接口不接收“%[1]v”类记录，请提交到 %[2]v",
		ZhHant:  "此介面不接收「%[1]v」類記錄，請提交到 %[2]v",
		En:      "Records of kind \"%[1]v\" are not taken here; send them to %[2]v"},
	{Code: codeCitizenIDInText,
		Meaning: "A citizen ID number outside a resident's citizenId member, such as a record ID chosen as one; the server would keep and show it in clear.",
		ZhHans:  "记录中公民身份号码字段以外的位置（如记录标识）出现了身份证号，为保护个人信息不予接收，请改用其他标识",
		ZhHant:  "記錄中公民身分號碼欄位以外的位置（如記錄識別碼）出現了身分證號，為保護個人資料不予接收，請改用其他識別碼",
		En:      "A citizen ID number appears outside the citizenId field (for instance as a record ID); to protect it the record is refused: use another identifier"},
	{Code: codeUnknownResident,
		Meaning: "A device reading whose resident pseudonym is not in the register.",
		ZhHans:  "该居民假名未登记，请先提交居民档案",
		ZhHant:  "該居民假名未登記，請先提交居民檔案",
		En:      "No registered resident has this pseudonym; submit the resident's record first"},
	{Code: codeReadingTimeRange, Params: []string{"value", "from", "to"},
		Meaning: "A device reading taken outside the years the alert engine works in: from is the first instant it takes, to the first it does not.",
		ZhHans:  "读数时间 %[1]v 超出预警引擎可处理的范围：应不早于 %[2]v，且早于 %[3]v",
		ZhHant:  "讀數時間 %[1]v 超出預警引擎可處理的範圍：應不早於 %[2]v，且早於 %[3]v",
		En:      "The reading's time %[1]v is outside what the alert engine takes: from %[2]v to before %[3]v"},
	{Code: codeReadingRejected,
		Meaning: "A device reading the alert engine refused; the server's log says why.",
		ZhHans:  "预警引擎未受理该设备读数",
		ZhHant:  "預警引擎未受理該設備讀數",
		En:      "The alert engine refused the device reading"},
	{Code: codeCaseRejected,
		Meaning: "A case report the alert engine refused; the server's log says why.",
		ZhHans:  "预警引擎未受理该病例报告",
		ZhHant:  "預警引擎未受理該病例報告",
		En:      "The alert engine refused the case report"},
}

func init() {
	for i := range gridopsCodes {
		gridopsCodes[i].Severity = healthedu.SeverityError
	}
	healthedu.RegisterCodes(gridopsCodes...)
}
