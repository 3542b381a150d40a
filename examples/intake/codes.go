package main

import "github.com/jiceng/jiceng/healthedu"

// The issue codes of the intake platform (问题代码). The codes of problems
// (the answers that refuse a request) and of the issues added to rejected
// records are registered with package healthedu like the library's own,
// so that their messages follow Accept-Language in the same three
// languages.
const (
	codeUnauthorized      = "intake.unauthorized"
	codeForbidden         = "intake.forbidden"
	codeRole              = "intake.role"
	codeBodyTooLarge      = "intake.bodyTooLarge"
	codeGzip              = "intake.gzip"
	codeContentEncoding   = "intake.contentEncoding"
	codeUnreadable        = "intake.unreadable"
	codeTimeout           = "intake.timeout"
	codeBusy              = "intake.busy"
	codeParam             = "intake.param"
	codeBody              = "intake.body"
	codeEmpty             = "intake.empty"
	codeRejected          = "intake.rejected"
	codeNotFound          = "intake.notFound"
	codeMethod            = "intake.method"
	codeIdempotencyKey    = "intake.idempotencyKey"
	codeIdempotencyReused = "intake.idempotencyKeyReused"
	codeStorage           = "intake.storage"
	codeInternal          = "intake.internal"
	codePeriodLocked      = "intake.periodLocked"
	codeRecordIDPersonal  = "intake.recordIdPersonal"
	codeKindNotTaken      = "intake.kindNotTaken"

	// The reasons the server does not start (see startupError).
	codeArgument          = "intake.argument"
	codeFlag              = "intake.flag"
	codeFlagNegative      = "intake.flagNegative"
	codeFlagPositive      = "intake.flagPositive"
	codeFlagDay           = "intake.flagDay"
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
)

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
			Meaning: "a query parameter is missing or not valid",
			ZhHans:  "参数 %[1]v 有误：%[2]v", ZhHant: "參數 %[1]v 有誤：%[2]v",
			En: "Parameter %[1]v is not valid: %[2]v"},
		healthedu.CodeDef{Code: codeBody, Severity: e, Params: []string{"reason"},
			Meaning: "the JSON body of a request other than a submission is not valid",
			ZhHans:  "请求内容有误：%[1]v", ZhHant: "請求內容有誤：%[1]v",
			En: "The request body is not valid: %[1]v"},
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
			Meaning: "the role of a token is not submitter, admin or reader",
			ZhHans:  "角色 %[1]v 不是 submitter、admin 或 reader", ZhHant: "角色 %[1]v 不是 submitter、admin 或 reader",
			En: "role %[1]v is not submitter, admin or reader"},
		healthedu.CodeDef{Code: codeDashboardDivision, Severity: e, Params: []string{"reason"},
			Meaning: "the division of -dashboard-division is not a division code",
			ZhHans:  "-dashboard-division 不是区划代码：%[1]v", ZhHant: "-dashboard-division 不是區劃代碼：%[1]v",
			En: "-dashboard-division is not a division code: %[1]v"},
	)
}
