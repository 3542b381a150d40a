package healthedu

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// issueHanPairs lists characters in pairs, simplified then traditional,
// that differ between the two scripts: no zh-Hant message may hold the
// first of a pair, no zh-Hans message the second.
const issueHanPairs = "码碼号號证證错錯误誤区區县縣乡鄉镇鎮个個时時间間数數为為与與应應该該写寫将將" +
	"这這对對无無级級层層组組统統计計会會规規范範围圍内內关關于於输輸录錄记記检檢验驗确確实實" +
	"现現机機构構门門类類请請读讀语語简簡标標针針报報结結册冊态態给給经經过過点點单單项項开開" +
	"头頭后後从從们們须須长長传傳订訂条條库庫户戶务務设設达達选選处處导導称稱账賬发發"

// issueHanSplit returns the simplified and the traditional characters of
// issueHanPairs.
func issueHanSplit() (simplified, traditional string) {
	var s, t []rune
	for i, r := range []rune(issueHanPairs) {
		if i%2 == 0 {
			s = append(s, r)
		} else {
			t = append(t, r)
		}
	}
	return string(s), string(t)
}

// issueParseCodes are the codes the parsers of healthedu put in a
// ParseError; each must be registered with a single "value" param.
var issueParseCodes = []string{
	"division.syntax", "division.length", "division.structure", "division.unknown", "division.level",
	"citizenId.syntax", "citizenId.length", "citizenId.checksum", "citizenId.birthDate", "citizenId.future", "citizenId.area",
	"creditCode.syntax", "creditCode.length", "creditCode.checksum", "creditCode.structure",
	"mobile.syntax", "mobile.length", "mobile.prefix",
	"period.syntax", "period.range", "periodType.unknown",
	"pseudonym.length", "pseudonym.syntax",
	"date.syntax", "date.range", "decimal.syntax", "decimal.range",
	"pointer.syntax", "language.syntax", "language.unsupported",
}

func TestParseCodesRegistered(t *testing.T) {
	for _, code := range issueParseCodes {
		def, ok := LookupCode(code)
		if !ok {
			t.Errorf("parse code %q not registered", code)
			continue
		}
		if !slices.Equal(def.Params, []string{"value"}) {
			t.Errorf("code %q has params %q, want [value]", code, def.Params)
		}
		if def.Severity != SeverityError {
			t.Errorf("code %q has severity %v, want error", code, def.Severity)
		}
	}
	for _, code := range []string{"value.invalid", "issue.unregistered"} {
		if _, ok := LookupCode(code); !ok {
			t.Errorf("code %q not registered", code)
		}
	}
}

// TestCodeMessages renders the message of every registered code, with
// sample params, in each language.
func TestCodeMessages(t *testing.T) {
	codes := Codes()
	if len(codes) < len(issueParseCodes) {
		t.Fatalf("Codes() has %d codes, want at least %d", len(codes), len(issueParseCodes))
	}
	if !slices.IsSortedFunc(codes, func(a, b CodeDef) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("Codes() is not sorted by code")
	}
	simplified, traditional := issueHanSplit()
	for _, def := range codes {
		params := make(map[string]any, len(def.Params))
		for i, p := range def.Params {
			params[p] = "⟦" + p + string(rune('A'+i)) + "⟧"
		}
		iss := NewIssue(def.Code, "/a", params)
		if iss.Code != def.Code {
			t.Errorf("NewIssue(%q) has code %q", def.Code, iss.Code)
			continue
		}
		msgs := make(map[string]string)
		for _, lang := range languageSupported {
			msg := iss.Message(lang)
			msgs[lang.String()] = msg
			switch {
			case strings.TrimSpace(msg) == "":
				t.Errorf("%s: empty %v message", def.Code, lang)
			case msg == def.Code || strings.Contains(msg, def.Code):
				t.Errorf("%s: %v message %q shows the code: the catalog lacks it", def.Code, lang, msg)
			case strings.Contains(msg, "%!") || strings.Contains(msg, "%["):
				t.Errorf("%s: %v message %q has formatting artefacts", def.Code, lang, msg)
			case strings.Contains(msg, "{"):
				t.Errorf("%s: %v message %q misses a param", def.Code, lang, msg)
			}
			for _, v := range params {
				if !strings.Contains(msg, v.(string)) {
					t.Errorf("%s: %v message %q does not show param %s", def.Code, lang, msg, v)
				}
			}
			if msg != strings.TrimSpace(msg) || strings.HasSuffix(msg, ".") || strings.HasSuffix(msg, "。") {
				t.Errorf("%s: %v message %q has surrounding space or a final full stop", def.Code, lang, msg)
			}
		}
		if strings.ContainsFunc(def.En, issueIsHan) {
			t.Errorf("%s: en template %q holds Chinese characters", def.Code, def.En)
		}
		if !strings.ContainsFunc(def.ZhHans, issueIsHan) || !strings.ContainsFunc(def.ZhHant, issueIsHan) {
			t.Errorf("%s: a Chinese template holds no Chinese character: %q, %q", def.Code, def.ZhHans, def.ZhHant)
		}
		if i := strings.IndexAny(def.ZhHant, simplified); i >= 0 {
			t.Errorf("%s: zh-Hant template %q holds simplified character %q", def.Code, def.ZhHant, []rune(def.ZhHant[i:])[0])
		}
		if i := strings.IndexAny(def.ZhHans, traditional); i >= 0 {
			t.Errorf("%s: zh-Hans template %q holds traditional character %q", def.Code, def.ZhHans, []rune(def.ZhHans[i:])[0])
		}
		if strings.ContainsAny(def.ZhHans, "「」") || strings.ContainsAny(def.ZhHant, "“”") {
			t.Errorf("%s: zh-Hans quotes with “”, zh-Hant with 「」: %q, %q", def.Code, def.ZhHans, def.ZhHant)
		}
		if strings.TrimSpace(def.Meaning) != def.Meaning || strings.ContainsAny(def.Meaning, "\n|") {
			t.Errorf("%s: meaning %q is not one clean line", def.Code, def.Meaning)
		}
	}
}

func TestIssueHanPairs(t *testing.T) {
	pairs := []rune(issueHanPairs)
	if len(pairs)%2 != 0 {
		t.Fatalf("issueHanPairs has %d characters, want pairs", len(pairs))
	}
	seen := make(map[rune]bool)
	for i := 0; i < len(pairs); i += 2 {
		if pairs[i] == pairs[i+1] {
			t.Errorf("pair %q%q: the same character", pairs[i], pairs[i+1])
		}
		for _, r := range pairs[i : i+2] {
			if seen[r] {
				t.Errorf("%q listed twice", r)
			}
			seen[r] = true
		}
	}
}

func issueIsHan(r rune) bool { return unicode.Is(unicode.Han, r) }
