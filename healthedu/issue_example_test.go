package healthedu_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

func ExampleIssue_Message() {
	iss := healthedu.NewIssue("citizenId.checksum", healthedu.Pointer("resident", "citizenId"),
		map[string]any{"value": "3715**********123X"}) // masked, never in clear
	for _, lang := range []language.Tag{healthedu.ZhHans, healthedu.ZhHant, healthedu.English} {
		fmt.Printf("%s: %s\n", lang, iss.Message(lang))
	}
	// Output:
	// zh-Hans: 公民身份号码“3715**********123X”的校验码不正确，请核对是否录错
	// zh-Hant: 公民身份號碼「3715**********123X」的檢查碼不符，請核對是否輸入錯誤
	// en: Citizen ID number "3715**********123X" fails its check digit: check it for typing errors
}

func ExampleIssueFromError() {
	// A parser's error, as ParseDivisionCode would return it.
	var err error = &healthedu.ParseError{Func: "ParseDivisionCode", Input: "3715x9", Code: "division.syntax", Msg: "unexpected character 'x'", At: 4}
	iss := healthedu.IssueFromError(err, "/activities/0/division")
	fmt.Println(iss.Severity, iss.Code, iss.Path, iss.Params["value"])
	fmt.Println(iss.Message(healthedu.ZhHans))
	// Output:
	// error division.syntax /activities/0/division 3715x9
	// 区划代码“3715x9”只能由数字组成
}

func ExampleMatchLanguage() {
	for _, accept := range []string{
		"zh-TW,zh;q=0.9,en;q=0.8",
		"zh-HK",
		"zh-CN",
		"en-US,en;q=0.9",
		"fr;q=1, en;q=0.5",
		"fr",
		"",
	} {
		fmt.Printf("%q → %s\n", accept, healthedu.MatchLanguage(accept))
	}
	// Output:
	// "zh-TW,zh;q=0.9,en;q=0.8" → zh-Hant
	// "zh-HK" → zh-Hant
	// "zh-CN" → zh-Hans
	// "en-US,en;q=0.9" → en
	// "fr;q=1, en;q=0.5" → en
	// "fr" → zh-Hans
	// "" → zh-Hans
}

func ExampleParseLanguage() {
	for _, s := range []string{"zh-Hant", "zh_TW", "en", "fr"} {
		tag, err := healthedu.ParseLanguage(s)
		fmt.Println(tag, err)
	}
	// Output:
	// zh-Hant <nil>
	// zh-Hant <nil>
	// en <nil>
	// und healthedu.ParseLanguage("fr"): unsupported language, want zh-Hans, zh-Hant or en
}

func ExamplePointer() {
	fmt.Printf("%q\n", healthedu.Pointer()) // the whole document
	fmt.Println(healthedu.Pointer("activities", "3", "venue", "division"))
	fmt.Println(healthedu.Pointer("a/b", "m~n"))

	tokens, err := healthedu.SplitPointer("/a~1b/m~0n")
	fmt.Printf("%q %v\n", tokens, err)
	_, err = healthedu.SplitPointer("/a~2")
	fmt.Println(err)
	// Output:
	// ""
	// /activities/3/venue/division
	// /a~1b/m~0n
	// ["a/b" "m~n"] <nil>
	// healthedu.SplitPointer("/a~2"): '~' followed by '2', want "~0" or "~1" (at offset 2)
}

func ExampleAppendPointerToken() {
	buf := make([]byte, 0, 64)
	for i, field := range []string{"period", "division"} {
		p := fmt.Appendf(buf[:0], "/records/%d", i)
		p = healthedu.AppendPointerToken(p, field)
		fmt.Println(string(p))
	}
	// Output:
	// /records/0/period
	// /records/1/division
}

func ExampleReport() {
	var r healthedu.Report
	r.Add(
		healthedu.NewIssue("period.range", "/records/0/period", map[string]any{"value": "202513"}),
		healthedu.NewIssue("division.unknown", "/records/1/division", map[string]any{"value": "371599"}),
	)
	fmt.Println(r.Len(), r.Count(healthedu.SeverityError), r.HasErrors())
	for _, iss := range r.Issues() {
		fmt.Println(iss)
	}

	// The machine form carries no text.
	b, _ := json.Marshal(&r)
	fmt.Println(string(b))

	// The form for people, in the language the client prefers.
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(r.Localize(healthedu.MatchLanguage("zh-TW")))
	// Output:
	// 2 2 true
	// error period.range /records/0/period: Period "202513" does not exist: its year, half-year, quarter, bi-month, month, week or day is out of range
	// error division.unknown /records/1/division: Division code "371599" is not in the division registry: check that it is typed right and still in use
	// {"errors":2,"warnings":0,"information":0,"issues":[{"severity":"error","code":"period.range","path":"/records/0/period","params":{"value":"202513"}},{"severity":"error","code":"division.unknown","path":"/records/1/division","params":{"value":"371599"}}]}
	// {
	//   "language": "zh-Hant",
	//   "errors": 2,
	//   "warnings": 0,
	//   "information": 0,
	//   "issues": [
	//     {
	//       "severity": "error",
	//       "code": "period.range",
	//       "path": "/records/0/period",
	//       "params": {
	//         "value": "202513"
	//       },
	//       "message": "報告期「202513」不存在：年份、半年、季度、雙月、月份、週次或日期超出範圍"
	//     },
	//     {
	//       "severity": "error",
	//       "code": "division.unknown",
	//       "path": "/records/1/division",
	//       "params": {
	//         "value": "371599"
	//       },
	//       "message": "區劃代碼「371599」不在區劃代碼表中，請核對是否填錯或已撤銷"
	//     }
	//   ]
	// }
}
