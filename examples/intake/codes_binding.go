package main

import "github.com/jiceng/jiceng/healthedu"

// The issue codes of binding codes in the intake (绑定码问题代码), registered
// like those of codes.go. A code the platform refuses is reported with the
// library's own codes (bindingCode.*, roster.instructorUnknown; see
// binding.go).
const (
	codeBindingUnavailable = "intake.bindingUnavailable"
	codeInstructorNotFound = "intake.instructorNotFound"
	codeBindingBody        = "intake.bindingBody"
	codeBindingMember      = "intake.bindingMember"
	codeBindingPageTitle   = "intake.bindingPageTitle"
	codeBindingPageValid   = "intake.bindingPageValid"

	// The reasons the server does not start (see startupError).
	codeBindingKeysRead  = "intake.bindingKeysRead"
	codeBindingKey       = "intake.bindingKey"
	codeBindingKeyTwice  = "intake.bindingKeyTwice"
	codeBindingKeysEmpty = "intake.bindingKeysEmpty"
	codePublicURL        = "intake.publicURL"
)

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeBindingUnavailable, Severity: e,
			Meaning: "the platform was started without a binding-code key (-binding-keys, $JICENG_BINDING_KEY), so it neither issues nor verifies binding codes",
			ZhHans:  "本平台未配置绑定码密钥（-binding-keys 或 JICENG_BINDING_KEY），不能签发或核验绑定码",
			ZhHant:  "本平臺未設定綁定碼金鑰（-binding-keys 或 JICENG_BINDING_KEY），不能簽發或核驗綁定碼",
			En:      "This platform has no binding-code key (-binding-keys or JICENG_BINDING_KEY): it cannot issue or verify binding codes"},
		healthedu.CodeDef{Code: codeInstructorNotFound, Severity: e, Params: []string{"id"},
			Meaning: "the register within the token's division holds no instructor with the id of the path",
			ZhHans:  "本令牌所属区划的花名册中没有编号为“%[1]v”的健康指导员",
			ZhHant:  "本權杖所屬區劃的花名冊中沒有編號為「%[1]v」的健康指導員",
			En:      "The register of the token's division holds no instructor with id %[1]v"},
		healthedu.CodeDef{Code: codeBindingBody, Severity: e,
			Meaning: "the body of POST /v1/bindings is not one JSON object",
			ZhHans:  "请求内容应为一个绑定请求 JSON 对象，含 id、code、division、resident 和 boundAt",
			ZhHant:  "請求內容應為一個綁定請求 JSON 物件，含 id、code、division、resident 和 boundAt",
			En:      "The request body must be one JSON object, a binding request with id, code, division, resident and boundAt"},
		healthedu.CodeDef{Code: codeBindingMember, Severity: e, Params: []string{"member"},
			Meaning: "the binding request holds a member other than id, code, division, resident and boundAt, or holds code twice: the instructor comes from the code, not from the request",
			ZhHans:  "绑定请求中的字段“%[1]v”不被接受：只能有 id、code、division、resident 和 boundAt 各一次，指导员由绑定码确定",
			ZhHant:  "綁定請求中的欄位「%[1]v」不被接受：只能有 id、code、division、resident 和 boundAt 各一次，指導員由綁定碼確定",
			En:      "Member %[1]v is not taken in a binding request: it holds id, code, division, resident and boundAt, each once; the instructor comes from the code"},
		healthedu.CodeDef{Code: codeBindingPageTitle, Severity: healthedu.SeverityInformation,
			Meaning: "the heading of the page of GET /b, a binding code opened in a browser",
			ZhHans:  "健康指导员绑定码",
			ZhHant:  "健康指導員綁定碼",
			En:      "Health instructor binding code"},
		healthedu.CodeDef{Code: codeBindingPageValid, Severity: healthedu.SeverityInformation, Params: []string{"name", "division"},
			Meaning: "the page of GET /b for a valid binding code of an instructor on the register: the code binds in the mini-program, not in a browser",
			ZhHans:  "这是%[2]v健康指导员%[1]v的绑定码。请在小程序中扫描此二维码，完成与指导员的绑定。",
			ZhHant:  "這是%[2]v健康指導員%[1]v的綁定碼。請在小程式中掃描此二維碼，完成與指導員的綁定。",
			En:      "This is the binding code of %[1]v, health instructor of %[2]v. Scan this QR code in the mini-program to bind to the instructor."},

		healthedu.CodeDef{Code: codeBindingKeysRead, Severity: e, Params: []string{"file", "reason"},
			Meaning: "the file of binding-code keys named by -binding-keys cannot be read",
			ZhHans:  "无法读取绑定码密钥文件 %[1]v：%[2]v",
			ZhHant:  "無法讀取綁定碼金鑰檔 %[1]v：%[2]v",
			En:      "cannot read the binding-code key file %[1]v: %[2]v"},
		healthedu.CodeDef{Code: codeBindingKey, Severity: e, Params: []string{"source", "number"},
			Meaning: "an entry of the binding-code keys is not id:hex, an id of 1 to 16 letters, digits, - or _ and a secret of at least 32 bytes in hex",
			ZhHans:  "%[1]v 中第 %[2]v 个绑定码密钥格式有误：应为“编号:十六进制密钥”，编号为 1 至 16 个字母、数字、连字符或下划线，密钥至少 32 字节",
			ZhHant:  "%[1]v 中第 %[2]v 個綁定碼金鑰格式有誤：應為「編號:十六進位金鑰」，編號為 1 至 16 個字母、數字、連字號或底線，金鑰至少 32 位元組",
			En:      "binding-code key %[2]v of %[1]v is not id:hex, an id of 1 to 16 letters, digits, - or _ and a secret of at least 32 bytes in hex"},
		healthedu.CodeDef{Code: codeBindingKeyTwice, Severity: e, Params: []string{"source", "id"},
			Meaning: "two binding-code keys have the same id",
			ZhHans:  "%[1]v 中绑定码密钥编号 %[2]v 出现了两次",
			ZhHant:  "%[1]v 中綁定碼金鑰編號 %[2]v 出現了兩次",
			En:      "binding-code key id %[2]v is given twice in %[1]v"},
		healthedu.CodeDef{Code: codeBindingKeysEmpty, Severity: e, Params: []string{"source"},
			Meaning: "the binding-code keys given hold no key",
			ZhHans:  "%[1]v 中没有绑定码密钥",
			ZhHant:  "%[1]v 中沒有綁定碼金鑰",
			En:      "%[1]v holds no binding-code key"},
		healthedu.CodeDef{Code: codePublicURL, Severity: e, Params: []string{"value"},
			Meaning: "-public-url is not an absolute http(s) URL with a host and without user, query or fragment",
			ZhHans:  "-public-url 的值 %[1]v 应为带主机名的 http 或 https 网址，且不含用户名、查询参数或片段",
			ZhHant:  "-public-url 的值 %[1]v 應為帶主機名稱的 http 或 https 網址，且不含使用者名稱、查詢參數或片段",
			En:      "-public-url %[1]v must be an http or https URL with a host and without user, query or fragment"},
	)
}
