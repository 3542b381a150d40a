// Package checkchar holds the check character arithmetic (校验码) of the
// national standards jiceng's codes follow: GB 11643 for citizen ID
// numbers (ISO 7064 MOD 11-2) and GB 32100 for unified social credit codes
// (MOD 31). Package healthedu parses the codes with it, and the makers of
// test data that healthedu's own tests import, which cannot import
// healthedu, compute their check characters with it: one implementation of
// each standard. It also holds the shape of a citizen ID number with its
// check character unchecked, which the record kinds refuse in identifiers
// and the schemas refuse by the same pattern.
package checkchar

// CitizenIDWeights are the ISO 7064 MOD 11-2 weights 2^(i−1) mod 11 of the
// 17 body digits of a citizen ID number, from the left, i counting
// positions from the right with the check character at i = 1.
var CitizenIDWeights = [17]uint64{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// CitizenIDChars are the check characters of citizen ID numbers by value.
const CitizenIDChars = "0123456789X"

// CitizenIDValue returns the value of the check character of a body whose
// weighted sum is sum: the value c that makes sum + c ≡ 1 (mod 11).
func CitizenIDValue(sum uint64) uint64 { return (12 - sum%11) % 11 }

// CitizenID returns the check character of a 17-digit body, and false when
// body is not 17 ASCII digits.
func CitizenID(body string) (byte, bool) {
	if len(body) != len(CitizenIDWeights) {
		return 0, false
	}
	var sum uint64
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum += uint64(c-'0') * CitizenIDWeights[i]
	}
	return CitizenIDChars[CitizenIDValue(sum)], true
}

// CreditCodeCharset lists the 31 characters of unified social credit codes
// in the order of their values 0–30.
const CreditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// CreditCodeWeights are the weights 3^(i−1) mod 31 of the first 17
// positions of a unified social credit code.
var CreditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeChar returns the check character of a body whose weighted sum
// is sum.
func CreditCodeChar(sum int) byte { return CreditCodeCharset[(31-sum%31)%31] }

// CreditCode returns the check character of a 17-character body of
// upper-case characters of CreditCodeCharset, and false for any other body.
func CreditCode(body string) (byte, bool) {
	if len(body) != len(CreditCodeWeights) {
		return 0, false
	}
	sum := 0
	for i := 0; i < len(body); i++ {
		v := -1
		for j := 0; j < len(CreditCodeCharset); j++ {
			if CreditCodeCharset[j] == body[i] {
				v = j
				break
			}
		}
		if v < 0 {
			return 0, false
		}
		sum += v * CreditCodeWeights[i]
	}
	return CreditCodeChar(sum), true
}

// CitizenIDShapePattern is the shape of a citizen ID number (公民身份号码)
// as a regular expression in the syntax JSON Schema and Go share: 17
// digits and a digit or X, or the 15 digits of the legacy form, the check
// character unchecked. [CitizenIDShaped] says the same in Go.
const CitizenIDShapePattern = `^(?:[0-9]{17}[0-9Xx]|[0-9]{15})$`

// CitizenIDShaped reports whether s has the shape of a citizen ID number,
// as [CitizenIDShapePattern] says it, whether or not its check character
// is right: an identifier that a schema refuses for its shape is refused
// by Go alike.
func CitizenIDShaped(s string) bool {
	switch len(s) {
	case 15:
		return digits(s)
	case 18:
		last := s[17]
		return digits(s[:17]) && (last >= '0' && last <= '9' || last == 'X' || last == 'x')
	}
	return false
}

// digits reports whether s holds ASCII digits only.
func digits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
