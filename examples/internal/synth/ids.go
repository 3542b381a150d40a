package synth

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// newCitizenID returns a synthetic citizen ID number (公民身份号码) for a
// resident of the county with the six-digit area code area, born on a
// random day when the resident is between minAge and maxAge years old at
// the instant at, with a valid check character.
//
// The number's address code is the county's city with county number 99
// (聊城 371502 gives 371599), which the national scheme has never assigned:
// so no real person holds a number jiceng invents, while the number still
// parses (the province is real) and stays within the city.
func newCitizenID(r *rand.Rand, area string, minAge, maxAge int, at time.Time) (healthedu.CitizenID, error) {
	at = at.In(healthedu.ChinaStandardTime)
	// A birthday between maxAge+1 years and minAge years before at, exclusive
	// of the first: the resident is minAge to maxAge years old.
	latest := at.AddDate(-minAge, 0, 0)
	earliest := at.AddDate(-maxAge-1, 0, 1)
	days := int(latest.Sub(earliest).Hours()/24) + 1
	birth := earliest.AddDate(0, 0, r.IntN(max(days, 1)))

	id, err := healthedu.CitizenIDFrom(area[:4]+unassignedCounty, healthedu.DateOf(birth), 1+r.IntN(999))
	if err != nil {
		// A registry of the platform's own may hold area codes that no
		// citizen ID can have.
		return healthedu.CitizenID{}, fmt.Errorf("synth: no citizen ID can have the area code %s: %w", area, err)
	}
	return id, nil
}

// unassignedCounty is the county number of the synthetic citizen IDs'
// address codes: no county of the national scheme has it.
const unassignedCounty = "99"

// creditCodeCharset and creditCodeWeights are GB 32100's characters in the
// order of their values, and the weights of its check character.
const creditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgCodeWeights are the weights of GB 11714's check character over the
// eight characters of an organisation code.
var orgCodeWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// newCreditCode returns the unified social credit code (统一社会信用代码) of
// a synthetic institution: registration authority and category kind (such
// as "12", a public institution registered by the establishment
// administration), the six-digit area code area, an organisation code with
// its GB 11714 check character, and the GB 32100 check character. The code
// depends only on kind, area and name, so that an institution keeps its
// code whatever the seed.
func newCreditCode(kind, area, name string) (healthedu.CreditCode, error) {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte(area))
	h.Write([]byte(name))
	body := h.Sum64() % 100_000_000

	var b [18]byte
	copy(b[:2], kind)
	copy(b[2:8], area)
	copy(b[8:16], fmt.Sprintf("%08d", body))
	sum := 0
	for i, w := range orgCodeWeights {
		sum += int(b[8+i]-'0') * w
	}
	switch c := 11 - sum%11; c {
	case 10:
		b[16] = 'X'
	case 11:
		b[16] = '0'
	default:
		b[16] = byte('0' + c)
	}
	sum = 0
	for i, w := range creditCodeWeights {
		sum += creditCodeValue(b[i]) * w
	}
	b[17] = creditCodeCharset[(31-sum%31)%31]
	c, err := healthedu.ParseCreditCode(string(b[:]))
	if err != nil {
		return healthedu.CreditCode{}, fmt.Errorf("synth: no credit code can have the area code %s: %w", area, err)
	}
	return c, nil
}

// creditCodeValue returns the value of a character of creditCodeCharset.
func creditCodeValue(ch byte) int {
	for i := range len(creditCodeCharset) {
		if creditCodeCharset[i] == ch {
			return i
		}
	}
	return 0
}
