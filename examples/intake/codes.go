package main

import "github.com/jiceng/jiceng/healthedu"

// The issue codes of the intake platform (问题代码). The codes of problems
// (the answers that refuse a request) and of the issues added to rejected
// records are registered with package healthedu like the library's own,
// so that their messages follow Accept-Language in the same three
// languages.
const (
	codeUnauthorized           = "intake.unauthorized"
	codeForbidden              = "intake.forbidden"
	codeRole                   = "intake.role"
	codeBodyTooLarge           = "intake.bodyTooLarge"
	codeGzip                   = "intake.gzip"
	codeContentEncoding        = "intake.contentEncoding"
	codeContentType            = "intake.contentType"
	codeContentTypeNone        = "intake.contentTypeMissing"
	codeCharset                = "intake.charset"
	codeUnreadable             = "intake.unreadable"
	codeTimeout                = "intake.timeout"
	codeBusy                   = "intake.busy"
	codeParam                  = "intake.param"
	codeUnderRequired          = "intake.underRequired"
	codePeriodRequired         = "intake.periodRequired"
	codePeriodNotMonth         = "intake.periodNotMonth"
	codePeriodNotYear          = "intake.periodNotYear"
	codeLevelAbove             = "intake.levelAbove"
	codeIndicatorUnknown       = "intake.indicatorUnknown"
	codeDryRun                 = "intake.dryRun"
	codeTooManyIndicators      = "intake.tooManyIndicators"
	codeTooManyRows            = "intake.tooManyRows"
	codeTooManyInstitutions    = "intake.tooManyInstitutions"
	codeBodyJSON               = "intake.bodyJSON"
	codeBodyUnexpectedEnd      = "intake.bodyUnexpectedEnd"
	codeBodyUnknownField       = "intake.bodyUnknownField"
	codeBodyFieldType          = "intake.bodyFieldType"
	codeBodyField              = "intake.bodyField"
	codeBodyTrailing           = "intake.bodyTrailing"
	codeLockDivision           = "intake.lockDivisionRequired"
	codeLockPeriod             = "intake.lockPeriodRequired"
	codeUntilFormat            = "intake.untilFormat"
	codeUntilPast              = "intake.untilPast"
	codeUntilRange             = "intake.untilRange"
	codeEmpty                  = "intake.empty"
	codeRejected               = "intake.rejected"
	codeNotFound               = "intake.notFound"
	codeMethod                 = "intake.method"
	codeIdempotencyKey         = "intake.idempotencyKey"
	codeIdempotencyReused      = "intake.idempotencyKeyReused"
	codeIdempotencyKeyPersonal = "intake.idempotencyKeyPersonal"
	codeStorage                = "intake.storage"
	codeInternal               = "intake.internal"
	codePeriodLocked           = "intake.periodLocked"
	codeRecordIDPersonal       = "intake.recordIdPersonal"
	codeKindNotTaken           = "intake.kindNotTaken"
	codePeriodUnknown          = "intake.periodUnknown"

	// The reasons the server does not start (see startupError).
	codeArgument          = "intake.argument"
	codeFlag              = "intake.flag"
	codeFlagNegative      = "intake.flagNegative"
	codeFlagPositive      = "intake.flagPositive"
	codeFlagDay           = "intake.flagDay"
	codeFlagEarliest      = "intake.flagEarliest"
	codeFlagsExclusive    = "intake.flagsExclusive"
	codeKeyRequired       = "intake.keyRequired"
	codeKeyHex            = "intake.keyHex"
	codeKeyLength         = "intake.keyLength"
	codeReportersRead     = "intake.reportersRead"
	codeReportersLine     = "intake.reportersLine"
	codeReportersEmpty    = "intake.reportersEmpty"
	codeDashboardDivision = "intake.dashboardDivision"
	codeTokensRead        = "intake.tokensRead"
	codeTokensHeader      = "intake.tokensHeader"
	codeTokensLine        = "intake.tokensLine"
	codeTokenShort        = "intake.tokenShort"
	codeTokenTwice        = "intake.tokenTwice"
	codeTokenRole         = "intake.tokenRole"
	codeFileNotFound      = "intake.fileNotFound"
	codeFilePermission    = "intake.filePermission"
)

// The titles of problems (问题标题), by HTTP status: RFC 9457 lets a
// title change with the language, and the dashboard heads its error
// pages with it.
const (
	codeTitleBadRequest      = "intake.title.badRequest"
	codeTitleUnauthorized    = "intake.title.unauthorized"
	codeTitleForbidden       = "intake.title.forbidden"
	codeTitleNotFound        = "intake.title.notFound"
	codeTitleMethod          = "intake.title.methodNotAllowed"
	codeTitleTimeout         = "intake.title.timeout"
	codeTitleConflict        = "intake.title.conflict"
	codeTitleTooLarge        = "intake.title.tooLarge"
	codeTitleMediaType       = "intake.title.mediaType"
	codeTitleUnprocessable   = "intake.title.unprocessable"
	codeTitleTooManyRequests = "intake.title.tooManyRequests"
	codeTitleInternal        = "intake.title.internal"
	codeTitleUnavailable     = "intake.title.unavailable"
	codeTitleError           = "intake.title.error"
)

// titleCodes are the codes of the titles by status; a status not listed
// has the title of codeTitleError.
var titleCodes = map[int]string{
	400: codeTitleBadRequest, 401: codeTitleUnauthorized, 403: codeTitleForbidden, 404: codeTitleNotFound,
	405: codeTitleMethod, 408: codeTitleTimeout, 409: codeTitleConflict, 413: codeTitleTooLarge,
	415: codeTitleMediaType, 422: codeTitleUnprocessable, 429: codeTitleTooManyRequests,
	500: codeTitleInternal, 503: codeTitleUnavailable,
}

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeUnauthorized, Severity: e,
			Meaning: "the request carries no bearer token, or one the platform does not know",
			ZhHans:  "缺少访问令牌或令牌无效", ZhHant: "缺少存取權杖或權杖無效",
			En: "A valid bearer token is required"},
		healthedu.CodeDef{Code: codeForbidden, Severity: e, Params: []string{"division", "scope"},
			Meaning: "the request concerns a division outside the subtree of the token's division",
			ZhHans:  "区划 %[1]v 不在本令牌所属区划 %[2]v 的范围内", ZhHant: "區劃 %[1]v 不在本權杖所屬區劃 %[2]v 的範圍內",
			En: "Division %[1]v lies outside %[2]v, the division of the token"},
		healthedu.CodeDef{Code: codeRole, Severity: e, Params: []string{"roles"},
			Meaning: "the token's role does not allow the operation",
			ZhHans:  "此操作需要以下角色的令牌：%[1]v", ZhHant: "此操作需要以下角色的權杖：%[1]v",
			En: "This operation needs a token with the role %[1]v"},
		healthedu.CodeDef{Code: codeBodyTooLarge, Severity: e, Params: []string{"limit"},
			Meaning: "the request body, decompressed, is larger than the platform takes",
			ZhHans:  "请求内容超过 %[1]v 字节的上限（按解压后计算）", ZhHant: "請求內容超過 %[1]v 位元組的上限（按解壓後計算）",
			En: "The request body is larger than the limit of %[1]v bytes (after decompression)"},
		healthedu.CodeDef{Code: codeGzip, Severity: e,
			Meaning: "the body is declared gzip but is not valid gzip data",
			ZhHans:  "请求内容声明为 gzip 压缩，但数据已损坏或不完整", ZhHant: "請求內容宣告為 gzip 壓縮，但資料已損壞或不完整",
			En: "The body is declared gzip-compressed but is corrupt or truncated"},
		healthedu.CodeDef{Code: codeContentEncoding, Severity: e, Params: []string{"encoding"},
			Meaning: "the body has a Content-Encoding other than gzip or identity",
			ZhHans:  "不支持的内容编码 %[1]v，仅支持 gzip", ZhHant: "不支援的內容編碼 %[1]v，僅支援 gzip",
			En: "Content-Encoding %[1]v is not supported; use gzip or none"},
		healthedu.CodeDef{Code: codeContentType, Severity: e, Params: []string{"type"},
			Meaning: "the submission's Content-Type is not application/x-ndjson or application/json",
			ZhHans:  "不支持的内容类型 %[1]v：请以 application/x-ndjson（每行一条记录）或 application/json（一条记录或记录数组）提交，可用 gzip 压缩",
			ZhHant:  "不支援的內容類型 %[1]v：請以 application/x-ndjson（每行一筆記錄）或 application/json（一筆記錄或記錄陣列）提交，可用 gzip 壓縮",
			En:      "Content-Type %[1]v is not taken: submit application/x-ndjson (one record a line) or application/json (one record or an array of records), gzip-compressed or not"},
		healthedu.CodeDef{Code: codeContentTypeNone, Severity: e,
			Meaning: "the submission has no Content-Type",
			ZhHans:  "缺少 Content-Type：请以 application/x-ndjson（每行一条记录）或 application/json（一条记录或记录数组）提交",
			ZhHant:  "缺少 Content-Type：請以 application/x-ndjson（每行一筆記錄）或 application/json（一筆記錄或記錄陣列）提交",
			En:      "The Content-Type is missing: submit application/x-ndjson (one record a line) or application/json (one record or an array of records)"},
		healthedu.CodeDef{Code: codeCharset, Severity: e, Params: []string{"charset"},
			Meaning: "the charset of the submission's Content-Type is not UTF-8 or GB18030 (GBK and GB2312 are read as GB18030)",
			ZhHans:  "不支持的字符集 %[1]v：请用 UTF-8 或 GB18030（GBK、GB2312 按 GB18030 读取）",
			ZhHant:  "不支援的字元集 %[1]v：請用 UTF-8 或 GB18030（GBK、GB2312 按 GB18030 讀取）",
			En:      "Charset %[1]v is not taken: use UTF-8 or GB18030 (GBK and GB2312 are read as GB18030)"},
		healthedu.CodeDef{Code: codeUnreadable, Severity: e,
			Meaning: "the request body could not be read to its end",
			ZhHans:  "请求内容未能完整读取", ZhHant: "請求內容未能完整讀取",
			En: "The request body could not be read to its end"},
		healthedu.CodeDef{Code: codeTimeout, Severity: e,
			Meaning: "the request body arrived too slowly",
			ZhHans:  "请求内容传输过慢，已超时", ZhHant: "請求內容傳輸過慢，已逾時",
			En: "The request body arrived too slowly and timed out"},
		healthedu.CodeDef{Code: codeBusy, Severity: e,
			Meaning: "too many submissions are being stored; retry after the time Retry-After gives",
			ZhHans:  "平台正忙于处理其他提交，请稍后重试", ZhHant: "平台正忙於處理其他提交，請稍後重試",
			En: "The platform is busy with other submissions; retry later"},
		healthedu.CodeDef{Code: codeParam, Severity: e, Params: []string{"name", "reason"},
			Meaning: "a query parameter cannot be read; reason is the library's message, in the same language",
			ZhHans:  "参数 %[1]v 有误：%[2]v", ZhHant: "參數 %[1]v 有誤：%[2]v",
			En: "Parameter %[1]v is not valid: %[2]v"},
		healthedu.CodeDef{Code: codeUnderRequired, Severity: e,
			Meaning: "the read names no division, and neither the token nor the platform gives one",
			ZhHans:  "缺少参数 under：请给出区划代码，如 3715 或 371502001",
			ZhHant:  "缺少參數 under：請給出區劃代碼，如 3715 或 371502001",
			En:      "Parameter under is missing: give a division code, such as 3715 or 371502001"},
		healthedu.CodeDef{Code: codePeriodRequired, Severity: e,
			Meaning: "the read names no period",
			ZhHans:  "缺少参数 period：请给出报告期，如 2025（年）、2025S1（半年）、2025Q3（季度）、202509B（双月）、202510（月）、2025W42（周）或 20251017（日）",
			ZhHant:  "缺少參數 period：請給出報告期，如 2025（年）、2025S1（半年）、2025Q3（季）、202509B（雙月）、202510（月）、2025W42（週）或 20251017（日）",
			En:      "Parameter period is missing: give a period, such as 2025 (a year), 2025S1 (a half-year), 2025Q3 (a quarter), 202509B (a bi-month), 202510 (a month), 2025W42 (a week) or 20251017 (a day)"},
		healthedu.CodeDef{Code: codePeriodNotMonth, Severity: e, Params: []string{"value"},
			Meaning: "the monthly notification is asked for a period that is not a month",
			ZhHans:  "月通报按月编制：参数 period 应为月份，如 202510，而“%[1]v”不是月份",
			ZhHant:  "月通報按月編製：參數 period 應為月份，如 202510，而「%[1]v」不是月份",
			En:      "The monthly notification is for one month: parameter period must be a month, such as 202510, and %[1]v is not one"},
		healthedu.CodeDef{Code: codePeriodNotYear, Severity: e, Params: []string{"value"},
			Meaning: "compliance with the national service norm is asked for a period that is not a year",
			ZhHans:  "服务规范达标情况按年度考核：参数 period 应为年度，如 2025，而“%[1]v”不是年度",
			ZhHant:  "服務規範達標情況按年度考核：參數 period 應為年度，如 2025，而「%[1]v」不是年度",
			En:      "Compliance with the service norm is judged by year: parameter period must be a year, such as 2025, and %[1]v is not one"},
		healthedu.CodeDef{Code: codeLevelAbove, Severity: e, Params: []string{"level", "under", "underLevel"},
			Meaning: "the parameter level lies above the level of the division under",
			ZhHans:  "参数 level 的级别 %[1]v 高于 under 所指区划 %[2]v 的级别 %[3]v：应为 %[3]v 或更低的级别",
			ZhHant:  "參數 level 的級別 %[1]v 高於 under 所指區劃 %[2]v 的級別 %[3]v：應為 %[3]v 或更低的級別",
			En:      "Parameter level %[1]v lies above %[3]v, the level of %[2]v (under): give %[3]v or a level below it"},
		healthedu.CodeDef{Code: codeIndicatorUnknown, Severity: e, Params: []string{"value"},
			Meaning: "the parameter indicators names a code that is not in the catalogue of indicators",
			ZhHans:  "参数 indicators 中的“%[1]v”不是指标目录中的指标代码：请给出以逗号分隔的指标代码，如 report-completeness,report-timeliness",
			ZhHant:  "參數 indicators 中的「%[1]v」不是指標目錄中的指標代碼：請給出以逗號分隔的指標代碼，如 report-completeness,report-timeliness",
			En:      "Parameter indicators names %[1]v, which is not an indicator of the catalogue: give indicator codes separated by commas, such as report-completeness,report-timeliness"},
		healthedu.CodeDef{Code: codeDryRun, Severity: e, Params: []string{"value"},
			Meaning: "the parameter dryRun is not true or false",
			ZhHans:  "参数 dryRun 应为 true 或 false，而不是“%[1]v”", ZhHant: "參數 dryRun 應為 true 或 false，而不是「%[1]v」",
			En: "Parameter dryRun must be true or false, not %[1]v"},
		healthedu.CodeDef{Code: codeTooManyIndicators, Severity: e, Params: []string{"count", "limit"},
			Meaning: "the parameter indicators names more distinct indicators than a read may (-max-indicators)",
			ZhHans:  "参数 indicators 列出了 %[1]v 个不同的指标，超过每次请求最多 %[2]v 个的上限：请分几次请求",
			ZhHant:  "參數 indicators 列出了 %[1]v 個不同的指標，超過每次請求最多 %[2]v 個的上限：請分幾次請求",
			En:      "Parameter indicators names %[1]v distinct indicators, more than the %[2]v a request may: ask in several requests"},
		healthedu.CodeDef{Code: codeTooManyRows, Severity: e, Params: []string{"rows", "limit", "divisions", "indicators"},
			Meaning: "the answer would hold more rows (divisions × indicators) than a read may (-max-rows)",
			ZhHans:  "此请求将返回 %[1]v 行（%[3]v 个区划 × %[4]v 个指标），超过每次请求最多 %[2]v 行的上限：请用参数 indicators 减少指标，或选择更高的 level、更小的 under",
			ZhHant:  "此請求將返回 %[1]v 列（%[3]v 個區劃 × %[4]v 個指標），超過每次請求最多 %[2]v 列的上限：請用參數 indicators 減少指標，或選擇更高的 level、更小的 under",
			En:      "The answer would hold %[1]v rows (%[3]v divisions × %[4]v indicators), more than the %[2]v a request may: name fewer indicators, or choose a higher level or a smaller under"},
		healthedu.CodeDef{Code: codeTooManyInstitutions, Severity: e, Params: []string{"count", "limit"},
			Meaning: "the compliance answer would hold more institutions than a read may (-max-rows)",
			ZhHans:  "此请求将返回 %[1]v 个机构，超过每次请求最多 %[2]v 个的上限：请选择更小的 under",
			ZhHant:  "此請求將返回 %[1]v 個機構，超過每次請求最多 %[2]v 個的上限：請選擇更小的 under",
			En:      "The answer would hold %[1]v institutions, more than the %[2]v a request may: choose a smaller under"},
		healthedu.CodeDef{Code: codeBodyJSON, Severity: e,
			Meaning: "the body of an unlock or a relock is not one JSON object",
			ZhHans:  "请求内容应为一个 JSON 对象，如 {\"division\":\"371502\",\"period\":\"202510\"}",
			ZhHant:  "請求內容應為一個 JSON 物件，如 {\"division\":\"371502\",\"period\":\"202510\"}",
			En:      "The request body must be one JSON object, such as {\"division\":\"371502\",\"period\":\"202510\"}"},
		healthedu.CodeDef{Code: codeBodyUnexpectedEnd, Severity: e,
			Meaning: "the body of an unlock or a relock ends before its JSON object does",
			ZhHans:  "请求内容意外结束：JSON 对象不完整，可能缺少右括号或引号",
			ZhHant:  "請求內容意外結束：JSON 物件不完整，可能缺少右括號或引號",
			En:      "Unexpected end of input: the JSON object of the request body is incomplete; a closing brace or quote may be missing"},
		healthedu.CodeDef{Code: codeBodyUnknownField, Severity: e, Params: []string{"field"},
			Meaning: "the body of an unlock or a relock holds a member other than division, period and until",
			ZhHans:  "请求内容中的字段“%[1]v”无法识别：只能有 division、period 和 until",
			ZhHant:  "請求內容中的欄位「%[1]v」無法識別：只能有 division、period 和 until",
			En:      "Unknown field %[1]v in the request body: it may hold division, period and until only"},
		healthedu.CodeDef{Code: codeBodyFieldType, Severity: e, Params: []string{"field"},
			Meaning: "a member of the body of an unlock or a relock is not a string",
			ZhHans:  "请求内容中 %[1]v 的值应为带引号的文本", ZhHant: "請求內容中 %[1]v 的值應為帶引號的文字",
			En: "The value of %[1]v in the request body must be a string, in quotes"},
		healthedu.CodeDef{Code: codeBodyField, Severity: e, Params: []string{"field", "reason"},
			Meaning: "a member of the body of an unlock or a relock cannot be read; reason is the library's message, in the same language",
			ZhHans:  "请求内容中的 %[1]v 有误：%[2]v", ZhHant: "請求內容中的 %[1]v 有誤：%[2]v",
			En: "The value of %[1]v in the request body is not valid: %[2]v"},
		healthedu.CodeDef{Code: codeBodyTrailing, Severity: e,
			Meaning: "the body of an unlock or a relock holds data after its JSON object",
			ZhHans:  "请求内容在 JSON 对象之后还有多余内容", ZhHant: "請求內容在 JSON 物件之後還有多餘內容",
			En: "The request body holds data after its JSON object"},
		healthedu.CodeDef{Code: codeLockDivision, Severity: e,
			Meaning: "the body of an unlock or a relock names no division",
			ZhHans:  "请求内容缺少 division：请给出区划代码，如 371502", ZhHant: "請求內容缺少 division：請給出區劃代碼，如 371502",
			En: "The request body lacks division: give a division code, such as 371502"},
		healthedu.CodeDef{Code: codeLockPeriod, Severity: e,
			Meaning: "the body of an unlock or a relock names no period",
			ZhHans:  "请求内容缺少 period：请给出报告期，如 202510 或 2025", ZhHant: "請求內容缺少 period：請給出報告期，如 202510 或 2025",
			En: "The request body lacks period: give a period, such as 202510 or 2025"},
		healthedu.CodeDef{Code: codeUntilFormat, Severity: e, Params: []string{"value"},
			Meaning: "the until of an unlock is not an RFC 3339 timestamp with an offset",
			ZhHans:  "until 应为带时区的 RFC 3339 时间，如 2026-01-31T23:59:59+08:00，而不是“%[1]v”",
			ZhHant:  "until 應為帶時區的 RFC 3339 時間，如 2026-01-31T23:59:59+08:00，而不是「%[1]v」",
			En:      "until must be an RFC 3339 timestamp with an offset, such as 2026-01-31T23:59:59+08:00, not %[1]v"},
		healthedu.CodeDef{Code: codeUntilRange, Severity: e, Params: []string{"until", "latest"},
			Meaning: "the until of an unlock is more than a year ahead",
			ZhHans:  "until（%[1]v）过远：解锁至多一年，最晚到 %[2]v",
			ZhHant:  "until（%[1]v）過遠：解鎖至多一年，最晚到 %[2]v",
			En:      "until (%[1]v) is too far ahead: an unlock lasts a year at most, until %[2]v"},
		healthedu.CodeDef{Code: codeUntilPast, Severity: e, Params: []string{"until"},
			Meaning: "the until of an unlock is not in the future",
			ZhHans:  "until（%[1]v）应晚于现在", ZhHant: "until（%[1]v）應晚於現在",
			En: "until (%[1]v) must lie in the future"},
		healthedu.CodeDef{Code: codeEmpty, Severity: e,
			Meaning: "the submission holds no record",
			ZhHans:  "提交的内容中没有记录", ZhHant: "提交的內容中沒有記錄",
			En: "The submission holds no record"},
		healthedu.CodeDef{Code: codeRejected, Severity: e, Params: []string{"rejected"},
			Meaning: "every record of the submission was rejected; the import summary says why",
			ZhHans:  "全部 %[1]v 条记录均未通过校验，未入库", ZhHant: "全部 %[1]v 筆記錄均未通過校驗，未入庫",
			En: "All %[1]v records were rejected; none was stored"},
		healthedu.CodeDef{Code: codeNotFound, Severity: e,
			Meaning: "no resource at this path",
			ZhHans:  "请求的资源不存在", ZhHant: "請求的資源不存在",
			En: "There is nothing at this path"},
		healthedu.CodeDef{Code: codeMethod, Severity: e, Params: []string{"method", "allow"},
			Meaning: "the path does not take this method; Allow lists those it takes",
			ZhHans:  "不支持 %[1]v 方法，可用：%[2]v", ZhHant: "不支援 %[1]v 方法，可用：%[2]v",
			En: "Method %[1]v is not allowed here; allowed: %[2]v"},
		healthedu.CodeDef{Code: codeIdempotencyKey, Severity: e,
			Meaning: "the Idempotency-Key header is empty, longer than 255 characters or not printable ASCII",
			ZhHans:  "Idempotency-Key 须为 1 至 255 个可打印 ASCII 字符", ZhHant: "Idempotency-Key 須為 1 至 255 個可列印 ASCII 字元",
			En: "The Idempotency-Key must be 1 to 255 printable ASCII characters"},
		healthedu.CodeDef{Code: codeIdempotencyKeyPersonal, Severity: e,
			Meaning: "the Idempotency-Key holds a citizen ID number, however written",
			ZhHans:  "Idempotency-Key 中不得含有公民身份号码，请换用批次号等标识",
			ZhHant:  "Idempotency-Key 中不得含有公民身分號碼，請改用批次號等標識",
			En:      "An Idempotency-Key must not hold a citizen ID number: use a batch number or the like"},
		healthedu.CodeDef{Code: codeIdempotencyReused, Severity: e,
			Meaning: "the Idempotency-Key was used before by this token with another body",
			ZhHans:  "该 Idempotency-Key 已用于内容不同的另一次提交", ZhHant: "該 Idempotency-Key 已用於內容不同的另一次提交",
			En: "This Idempotency-Key was used before with a different body"},
		healthedu.CodeDef{Code: codeStorage, Severity: e,
			Meaning: "the database failed; nothing of the submission was stored",
			ZhHans:  "数据库写入失败，本次提交未入库，请重试", ZhHant: "資料庫寫入失敗，本次提交未入庫，請重試",
			En: "The database failed; nothing of the submission was stored, retry"},
		healthedu.CodeDef{Code: codeInternal, Severity: e,
			Meaning: "the server failed",
			ZhHans:  "服务器内部错误", ZhHant: "伺服器內部錯誤",
			En: "The server failed"},
		healthedu.CodeDef{Code: codePeriodLocked, Severity: e, Params: []string{"period", "lockedAt"},
			Meaning: "the record's period locked lock-days after it ended; an administrator can unlock it for the division",
			ZhHans:  "报告期 %[1]v 已于 %[2]v 锁定，逾期数据须由管理员解锁后提交", ZhHant: "報告期 %[1]v 已於 %[2]v 鎖定，逾期資料須由管理員解鎖後提交",
			En: "Period %[1]v locked on %[2]v; late data needs an administrator to unlock it"},
		healthedu.CodeDef{Code: codeRecordIDPersonal, Severity: e,
			Meaning: "the record's id holds a citizen ID number, which the platform does not store",
			ZhHans:  "记录标识中不得含有公民身份号码", ZhHant: "記錄標識中不得含有公民身分號碼",
			En: "A record id must not hold a citizen ID number"},
		healthedu.CodeDef{Code: codeKindNotTaken, Severity: e, Params: []string{"kind"},
			Meaning: "the platform does not take records of this kind",
			ZhHans:  "本平台不接收 %[1]v 类型的记录", ZhHant: "本平台不接收 %[1]v 類型的記錄",
			En: "The platform does not take records of kind %[1]v"},
		healthedu.CodeDef{Code: codePeriodUnknown, Severity: e,
			Meaning: "the record's period cannot be derived from this time, which is missing or outside the years jiceng can represent",
			ZhHans:  "无法由此时间确定记录所属的报告期：时间缺失，或不在 1900 年至 9999 年之间",
			ZhHant:  "無法由此時間確定記錄所屬的報告期：時間缺漏，或不在 1900 年至 9999 年之間",
			En:      "The record's period cannot be derived from this time: it is missing or not between 1900 and 9999"},

		healthedu.CodeDef{Code: codeArgument, Severity: e, Params: []string{"argument"},
			Meaning: "the command line holds an argument that is not a flag",
			ZhHans:  "多余的命令行参数：%[1]v", ZhHant: "多餘的命令列引數：%[1]v",
			En: "Unexpected argument %[1]v"},
		healthedu.CodeDef{Code: codeFlag, Severity: e, Params: []string{"flag", "reason"},
			Meaning: "the value of a flag is not valid",
			ZhHans:  "-%[1]v 的值有误：%[2]v", ZhHant: "-%[1]v 的值有誤：%[2]v",
			En: "The value of -%[1]v is not valid: %[2]v"},
		healthedu.CodeDef{Code: codeFlagNegative, Severity: e, Params: []string{"flag"},
			Meaning: "a flag that counts something is negative",
			ZhHans:  "-%[1]v 不能为负数", ZhHant: "-%[1]v 不能為負數",
			En: "-%[1]v must not be negative"},
		healthedu.CodeDef{Code: codeFlagPositive, Severity: e, Params: []string{"flag"},
			Meaning: "a flag that must be positive is zero or negative",
			ZhHans:  "-%[1]v 必须大于零", ZhHant: "-%[1]v 必須大於零",
			En: "-%[1]v must be positive"},
		healthedu.CodeDef{Code: codeFlagDay, Severity: e, Params: []string{"flag"},
			Meaning: "a flag that names a day of the month is not 1 to 31",
			ZhHans:  "-%[1]v 须为每月的某一日，1 至 31", ZhHant: "-%[1]v 須為每月的某一日，1 至 31",
			En: "-%[1]v must be a day of the month, 1 to 31"},
		healthedu.CodeDef{Code: codeFlagEarliest, Severity: e, Params: []string{"flag"},
			Meaning: "the earliest date accepted is before 1900, which jiceng cannot represent",
			ZhHans:  "-%[1]v 须为 1900-01-01 或之后的日期", ZhHant: "-%[1]v 須為 1900-01-01 或之後的日期",
			En: "-%[1]v must be a date on or after 1900-01-01"},
		healthedu.CodeDef{Code: codeFlagsExclusive, Severity: e, Params: []string{"flag", "other"},
			Meaning: "two flags that exclude each other are both given",
			ZhHans:  "-%[1]v 与 -%[2]v 不能同时使用", ZhHant: "-%[1]v 與 -%[2]v 不能同時使用",
			En: "-%[1]v and -%[2]v exclude each other"},
		healthedu.CodeDef{Code: codeKeyRequired, Severity: e,
			Meaning: "the server was started without a pseudonym key and without -demo",
			ZhHans:  "缺少假名化密钥：请用 -key 或环境变量 JICENG_PSEUDONYM_KEY 提供至少 32 字节的十六进制密钥（或以 -demo 启动演示）",
			ZhHant:  "缺少假名化金鑰：請用 -key 或環境變數 JICENG_PSEUDONYM_KEY 提供至少 32 位元組的十六進位金鑰（或以 -demo 啟動示範）",
			En:      "A pseudonym key is required: -key or JICENG_PSEUDONYM_KEY, at least 32 bytes in hex (or -demo)"},
		healthedu.CodeDef{Code: codeKeyHex, Severity: e,
			Meaning: "the pseudonym key is not hexadecimal",
			ZhHans:  "假名化密钥须为十六进制数字", ZhHant: "假名化金鑰須為十六進位數字",
			En: "The pseudonym key must be hexadecimal"},
		healthedu.CodeDef{Code: codeKeyLength, Severity: e, Params: []string{"bytes"},
			Meaning: "the pseudonym key is shorter than 32 bytes",
			ZhHans:  "假名化密钥至少须 32 字节（64 位十六进制数字），而此密钥只有 %[1]v 字节", ZhHant: "假名化金鑰至少須 32 位元組（64 位十六進位數字），而此金鑰只有 %[1]v 位元組",
			En: "The pseudonym key must have at least 32 bytes (64 hex digits), not %[1]v"},
		healthedu.CodeDef{Code: codeReportersRead, Severity: e, Params: []string{"file", "reason"},
			Meaning: "the file of expected reporters (-reporters) cannot be read",
			ZhHans:  "无法读取应报单位名单 %[1]v：%[2]v", ZhHant: "無法讀取應報單位名單 %[1]v：%[2]v",
			En: "The list of expected reporters %[1]v cannot be read: %[2]v"},
		healthedu.CodeDef{Code: codeReportersLine, Severity: e, Params: []string{"file", "line", "reason"},
			Meaning: "a line of the file of expected reporters (-reporters) is not a division code",
			ZhHans:  "应报单位名单 %[1]v 第 %[2]v 行不是区划代码：%[3]v", ZhHant: "應報單位名單 %[1]v 第 %[2]v 行不是區劃代碼：%[3]v",
			En: "%[1]v, line %[2]v: not a division code: %[3]v"},
		healthedu.CodeDef{Code: codeReportersEmpty, Severity: e, Params: []string{"file"},
			Meaning: "the file of expected reporters (-reporters) lists no division",
			ZhHans:  "应报单位名单 %[1]v 中没有区划代码", ZhHant: "應報單位名單 %[1]v 中沒有區劃代碼",
			En: "The list of expected reporters %[1]v names no division"},
		healthedu.CodeDef{Code: codeTokensRead, Severity: e, Params: []string{"file", "reason"},
			Meaning: "the file of tokens (-tokens) cannot be read",
			ZhHans:  "无法读取令牌文件 %[1]v：%[2]v", ZhHant: "無法讀取權杖檔案 %[1]v：%[2]v",
			En: "The token file %[1]v cannot be read: %[2]v"},
		healthedu.CodeDef{Code: codeTokensHeader, Severity: e, Params: []string{"file"},
			Meaning: "the file of tokens (-tokens) does not start with the header token,division,role",
			ZhHans:  "令牌文件 %[1]v 的表头须为 token,division,role", ZhHant: "權杖檔案 %[1]v 的表頭須為 token,division,role",
			En: "The token file %[1]v must start with the header token,division,role"},
		healthedu.CodeDef{Code: codeTokensLine, Severity: e, Params: []string{"file", "line", "reason"},
			Meaning: "a line of the file of tokens (-tokens) is not valid",
			ZhHans:  "令牌文件 %[1]v 第 %[2]v 行有误：%[3]v", ZhHant: "權杖檔案 %[1]v 第 %[2]v 行有誤：%[3]v",
			En: "%[1]v, line %[2]v: %[3]v"},
		healthedu.CodeDef{Code: codeTokenShort, Severity: e,
			Meaning: "a token of the file of tokens is shorter than 16 characters",
			ZhHans:  "令牌至少须有 16 个字符", ZhHant: "權杖至少須有 16 個字元",
			En: "a token must have at least 16 characters"},
		healthedu.CodeDef{Code: codeTokenTwice, Severity: e,
			Meaning: "a token appears twice in the file of tokens",
			ZhHans:  "该令牌重复出现", ZhHant: "該權杖重複出現",
			En: "the token appears twice"},
		healthedu.CodeDef{Code: codeTokenRole, Severity: e, Params: []string{"role"},
			Meaning: "the role of a token is not submitter, admin, reader or approver",
			ZhHans:  "角色 %[1]v 不是 submitter、admin、reader 或 approver", ZhHant: "角色 %[1]v 不是 submitter、admin、reader 或 approver",
			En: "role %[1]v is not submitter, admin, reader or approver"},
		healthedu.CodeDef{Code: codeFileNotFound, Severity: e,
			Meaning: "a file named on the command line does not exist",
			ZhHans:  "文件不存在", ZhHant: "檔案不存在",
			En: "the file does not exist"},
		healthedu.CodeDef{Code: codeFilePermission, Severity: e,
			Meaning: "a file named on the command line may not be read",
			ZhHans:  "没有读取该文件的权限", ZhHant: "沒有讀取該檔案的權限",
			En: "the file may not be read"},

		healthedu.CodeDef{Code: codeTitleBadRequest, Severity: e, Meaning: "the title of a problem of status 400",
			ZhHans: "请求有误", ZhHant: "請求有誤", En: "Bad request"},
		healthedu.CodeDef{Code: codeTitleUnauthorized, Severity: e, Meaning: "the title of a problem of status 401",
			ZhHans: "需要访问令牌", ZhHant: "需要存取權杖", En: "Unauthorized"},
		healthedu.CodeDef{Code: codeTitleForbidden, Severity: e, Meaning: "the title of a problem of status 403",
			ZhHans: "无权访问", ZhHant: "無權存取", En: "Forbidden"},
		healthedu.CodeDef{Code: codeTitleNotFound, Severity: e, Meaning: "the title of a problem of status 404",
			ZhHans: "未找到", ZhHant: "找不到", En: "Not found"},
		healthedu.CodeDef{Code: codeTitleMethod, Severity: e, Meaning: "the title of a problem of status 405",
			ZhHans: "不支持此请求方法", ZhHant: "不支援此請求方法", En: "Method not allowed"},
		healthedu.CodeDef{Code: codeTitleTimeout, Severity: e, Meaning: "the title of a problem of status 408",
			ZhHans: "请求超时", ZhHant: "請求逾時", En: "Request timeout"},
		healthedu.CodeDef{Code: codeTitleConflict, Severity: e, Meaning: "the title of a problem of status 409: a read past a limit of the platform, or a step of approval that the state of the data does not allow",
			ZhHans: "与平台上限或数据状态冲突", ZhHant: "與平台上限或資料狀態衝突", En: "Conflict with a limit of the platform or the state of the data"},
		healthedu.CodeDef{Code: codeTitleTooLarge, Severity: e, Meaning: "the title of a problem of status 413",
			ZhHans: "请求内容过大", ZhHant: "請求內容過大", En: "Content too large"},
		healthedu.CodeDef{Code: codeTitleMediaType, Severity: e, Meaning: "the title of a problem of status 415",
			ZhHans: "不支持的内容格式", ZhHant: "不支援的內容格式", En: "Unsupported media type"},
		healthedu.CodeDef{Code: codeTitleUnprocessable, Severity: e, Meaning: "the title of a problem of status 422",
			ZhHans: "内容无法受理", ZhHant: "內容無法受理", En: "Unprocessable content"},
		healthedu.CodeDef{Code: codeTitleTooManyRequests, Severity: e, Meaning: "the title of a problem of status 429",
			ZhHans: "请求过多", ZhHant: "請求過多", En: "Too many requests"},
		healthedu.CodeDef{Code: codeTitleInternal, Severity: e, Meaning: "the title of a problem of status 500",
			ZhHans: "服务器内部错误", ZhHant: "伺服器內部錯誤", En: "Internal server error"},
		healthedu.CodeDef{Code: codeTitleUnavailable, Severity: e, Meaning: "the title of a problem of status 503",
			ZhHans: "服务暂时不可用", ZhHant: "服務暫時無法使用", En: "Service unavailable"},
		healthedu.CodeDef{Code: codeTitleError, Severity: e, Meaning: "the title of a problem of another status",
			ZhHans: "出错了", ZhHant: "發生錯誤", En: "Error"},

		healthedu.CodeDef{Code: codeDashboardDivision, Severity: e, Params: []string{"reason"},
			Meaning: "the division of -dashboard-division is not a division code",
			ZhHans:  "-dashboard-division 不是区划代码：%[1]v", ZhHant: "-dashboard-division 不是區劃代碼：%[1]v",
			En: "-dashboard-division is not a division code: %[1]v"},
	)
}
