package healthedu

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiceng/jiceng/internal/checkchar"
)

// CreditCode is a unified social credit code (统一社会信用代码) as defined by
// GB 32100-2015, the identifier of a legal person or other organisation —
// for jiceng, of a medical institution, a school, an association. Its 18
// characters are drawn from the digits and the capital letters other than
// I, O, Z, S and V:
//
//	position  1     registration authority (登记管理部门代码), see Authority
//	          2     institution category (机构类别代码), see Category
//	          3–8   division code of the registering authority
//	                (登记管理机关行政区划码), see AreaCode
//	          9–17  organisation code (主体标识码/组织机构代码, GB 11714)
//	          18    check character (校验码)
//
// CreditCode is a small comparable value; the zero value is not a valid
// code, and IsValid says so. A credit code identifies an organisation, not
// a person, and String shows it in clear.
type CreditCode struct {
	c [creditCodeLen]byte // upper-case ASCII; all zero in the zero value
}

const creditCodeLen = 18

// creditCodeCharset lists the 31 characters of GB 32100 in the order of
// their values 0–30.
const creditCodeCharset = checkchar.CreditCodeCharset

// creditCodeValue maps an upper-case ASCII byte to its value in
// creditCodeCharset, or -1.
var creditCodeValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(creditCodeCharset); i++ {
		v[creditCodeCharset[i]] = int8(i)
	}
	return v
}()

// creditCodeWeights are the weights 3^(i−1) mod 31 of the first 17
// positions.
var creditCodeWeights = checkchar.CreditCodeWeights

// creditCodeCategories gives, for each registration authority, the
// institution categories GB 32100-2015 (with its amendments) defines.
var creditCodeCategories = [256]string{
	'1': "1239",   // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
	'2': "19",     // 外交: 外国常驻新闻机构, 其他
	'3': "123459", // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
	'4': "19",     // 文化: 外国在华文化中心, 其他
	'5': "1239",   // 民政: 社会团体, 民办非企业单位, 基金会, 其他
	'6': "129",    // 旅游: 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻内地(大陆)代表机构, 其他
	'7': "129",    // 宗教: 宗教活动场所, 宗教院校, 其他
	'8': "19",     // 工会: 基层工会, 其他
	'9': "123",    // 工商 (市场监管): 企业, 个体工商户, 农民专业合作社
	'A': "19",     // 中央军委改革和编制办公室: 军队事业单位, 其他
	'N': "1239",   // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
	'Y': "1",      // 其他: 不再细分
}

// ParseCreditCode parses a unified social credit code (统一社会信用代码).
//
// The code has 18 characters, digits and capital letters other than I, O,
// Z, S and V. Lower-case letters are accepted and stored
// in upper case; full-width digits and letters are read as ASCII. No
// spaces or separators are accepted.
//
// Besides the check character (GB 32100: weights 3^(i−1) mod 31 over
// the first 17 characters, check value 31 − Σ mod 31, 31 read as 0), the
// parser checks the structure: the registration authority must be one of
// 1–9, A, N, Y, the institution category one that authority defines
// (see Category), and positions 3–8 six digits. It does not check that
// those digits name an existing division (national authorities use
// 100000), nor the GB 11714 check character of the organisation code,
// which codes given to individual businesses do not have.
//
// Errors are *ParseError with Func "ParseCreditCode" and Code
//
//	creditCode.length     not 18 characters
//	creditCode.syntax     a character outside the charset
//	creditCode.checksum   the check character does not match
//	creditCode.structure  an undefined authority or category, or a
//	                      division code that is not six digits
func ParseCreditCode(s string) (CreditCode, error) {
	var c CreditCode
	var t []byte
	if isASCII(s) {
		if len(s) != creditCodeLen {
			return CreditCode{}, creditCodeLengthError(s)
		}
		t = c.c[:copy(c.c[:], s)]
	} else {
		if utf8.RuneCountInString(s) != creditCodeLen {
			return CreditCode{}, creditCodeLengthError(s)
		}
		var ok bool
		if t, ok = foldFullWidth(c.c[:0], s); !ok {
			return CreditCode{}, creditCodeSyntaxError(s, personalUnfoldable(s))
		}
	}

	sum := 0
	for i, ch := range t {
		if 'a' <= ch && ch <= 'z' {
			ch -= 'a' - 'A'
			t[i] = ch
		}
		v := int(creditCodeValue[ch])
		if v < 0 {
			return CreditCode{}, creditCodeSyntaxError(s, i)
		}
		if i < creditCodeLen-1 {
			sum += v * creditCodeWeights[i]
		}
	}
	if want := checkchar.CreditCodeChar(sum); t[creditCodeLen-1] != want {
		msg := "check character is '" + string(t[creditCodeLen-1]) + "', want '" + string(want) + "'"
		return CreditCode{}, creditCodeError(s, "creditCode.checksum", msg, creditCodeLen-1)
	}

	categories := creditCodeCategories[t[0]]
	if categories == "" {
		msg := "registration authority '" + string(t[0]) + "' is not defined"
		return CreditCode{}, creditCodeError(s, "creditCode.structure", msg, 0)
	}
	if strings.IndexByte(categories, t[1]) < 0 {
		msg := "institution category '" + string(t[1]) + "' is not defined for registration authority '" + string(t[0]) + "'"
		return CreditCode{}, creditCodeError(s, "creditCode.structure", msg, 1)
	}
	for i := 2; i < 8; i++ {
		if t[i] < '0' || t[i] > '9' {
			msg := "division code (positions 3–8) has '" + string(t[i]) + "', want six digits"
			return CreditCode{}, creditCodeError(s, "creditCode.structure", msg, i)
		}
	}
	return c, nil
}

// creditCodeError returns a *ParseError for input s with the fault at rune
// index at (or -1), converted to a byte offset.
func creditCodeError(s, code, msg string, at int) *ParseError {
	if at > 0 && !isASCII(s) {
		i := 0
		for j := range s {
			if i == at {
				at = j
				break
			}
			i++
		}
	}
	return &ParseError{Func: "ParseCreditCode", Input: strings.Clone(s), Code: code, Msg: msg, At: at}
}

func creditCodeLengthError(s string) *ParseError {
	if i := personalSpaceAround(s); i >= 0 {
		return creditCodeError(s, "creditCode.syntax", "unexpected space", i)
	}
	msg := "got " + strconv.Itoa(utf8.RuneCountInString(s)) + " characters, want 18"
	return creditCodeError(s, "creditCode.length", msg, -1)
}

func creditCodeSyntaxError(s string, at int) *ParseError {
	var r rune
	size := 0
	for i, j := 0, 0; i <= at && j < len(s); i++ {
		r, size = utf8.DecodeRuneInString(s[j:])
		j += size
	}
	var msg string
	switch {
	case r == utf8.RuneError && size == 1:
		msg = "invalid UTF-8"
	case r == ' ' || r == '\u3000':
		msg = "unexpected space"
	case strings.ContainsRune("IOSVZiosvzＩＯＳＶＺｉｏｓｖｚ", r):
		msg = "letter " + strconv.QuoteRune(r) + " is not used in credit codes"
	default:
		msg = "unexpected character " + strconv.QuoteRune(r)
	}
	return creditCodeError(s, "creditCode.syntax", msg, at)
}

// IsValid reports whether c is a parsed credit code, not the zero
// CreditCode.
func (c CreditCode) IsValid() bool { return c.c[0] != 0 }

// Authority returns the registration authority code (登记管理部门代码),
// the first character of c, or 0 for the zero CreditCode:
//
//	'1' 机构编制  establishment administration (public institutions)
//	'2' 外交      foreign affairs
//	'3' 司法行政  justice administration
//	'4' 文化      culture
//	'5' 民政      civil affairs (associations, private non-enterprise units)
//	'6' 旅游      tourism
//	'7' 宗教      religious affairs
//	'8' 工会      trade unions
//	'9' 工商      industry and commerce, now market regulation (市场监管)
//	'A' 中央军委改革和编制办公室  Central Military Commission's office for
//	    reform and establishment
//	'N' 农业      agriculture (rural collective economic organisations)
//	'Y' 其他      other
func (c CreditCode) Authority() byte { return c.c[0] }

// Category returns the institution category code (机构类别代码), the
// second character of c, whose meaning depends on Authority; it is 0 for
// the zero CreditCode. '9' is always 其他 (other). The categories most
// met in health education:
//
//	'1' under '1': 机关 government agency
//	'2' under '1': 事业单位 public institution (public hospitals, CDCs,
//	    township health centres)
//	'1' under '5': 社会团体 social association
//	'2' under '5': 民办非企业单位 private non-enterprise unit (many private
//	    clinics and elderly-care homes)
//	'3' under '5': 基金会 foundation
//	'1' under '9': 企业 enterprise
//	'2' under '9': 个体工商户 individual business
//	'3' under '9': 农民专业合作社 farmers' cooperative
//	'1' under 'Y': 其他 (the only category)
//
// and further: under '2' '1' 外国常驻新闻机构; under '3' '1' 律师执业机构,
// '2' 公证处, '3' 基层法律服务所, '4' 司法鉴定机构, '5' 仲裁委员会; under
// '4' '1' 外国在华文化中心; under '6' '1' 外国旅游部门常驻代表机构, '2'
// 港澳台地区旅游部门常驻内地(大陆)代表机构; under '7' '1' 宗教活动场所, '2'
// 宗教院校; under '8' '1' 基层工会; under 'A' '1' 军队事业单位; under 'N'
// '1' 组级, '2' 村级, '3' 乡镇级集体经济组织; and under '1' '3'
// 中央编办直接管理机构编制的群众团体.
func (c CreditCode) Category() byte { return c.c[1] }

// AreaCode returns positions 3–8 of c, the six-digit division code of the
// registering authority (登记管理机关行政区划码): "100000" for national
// authorities, otherwise a province, prefecture or county code as in
// GB/T 2260 at the time of registration. ParseDivisionCode(c.AreaCode())
// gives it as a [DivisionCode]. It returns "" for the zero CreditCode.
func (c CreditCode) AreaCode() string {
	if !c.IsValid() {
		return ""
	}
	return string(c.c[2:8])
}

// OrganizationCode returns positions 9–17 of c, the subject identifier
// (主体标识码): for organisations that had one, the nine-character
// organisation code (组织机构代码, GB 11714) they were known by before
// credit codes. It returns "" for the zero CreditCode.
func (c CreditCode) OrganizationCode() string {
	if !c.IsValid() {
		return ""
	}
	return string(c.c[8:17])
}

// String returns c as its 18 upper-case characters, or "" for the zero
// CreditCode.
func (c CreditCode) String() string {
	if !c.IsValid() {
		return ""
	}
	return string(c.c[:])
}

// AppendTo appends the form of String to b and returns the extended
// buffer.
func (c CreditCode) AppendTo(b []byte) []byte {
	if !c.IsValid() {
		return b
	}
	return append(b, c.c[:]...)
}

// MarshalText implements encoding.TextMarshaler with the form of String;
// the zero CreditCode gives empty text.
func (c CreditCode) MarshalText() ([]byte, error) {
	return c.AppendTo(make([]byte, 0, creditCodeLen)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseCreditCode.
// Empty text gives the zero CreditCode.
func (c *CreditCode) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = CreditCode{}
		return nil
	}
	var err error
	*c, err = ParseCreditCode(string(text))
	return err
}
