package checkchar

import (
	"regexp"
	"testing"
)

// The examples of the standards: GB 11643's 11010519491231002X and the
// credit code of GB 32100's appendix, 91350100M000100Y43.
func TestExamples(t *testing.T) {
	for _, tt := range []struct {
		body string
		fn   func(string) (byte, bool)
		want byte
		ok   bool
	}{
		{"11010519491231002", CitizenID, 'X', true},
		{"37159919800101007", CitizenID, '6', true},
		{"1101051949123100", CitizenID, 0, false},
		{"1101051949123100a", CitizenID, 0, false},
		{"91350100M000100Y4", CreditCode, '3', true},
		{"91350100M000100I4", CreditCode, 0, false}, // I is not in the charset
		{"91350100M000100Y", CreditCode, 0, false},
	} {
		if got, ok := tt.fn(tt.body); got != tt.want || ok != tt.ok {
			t.Errorf("%q: %q, %v; want %q, %v", tt.body, got, ok, tt.want, tt.ok)
		}
	}
}

// TestWeights derives the weights from their definitions.
func TestWeights(t *testing.T) {
	for i := range CitizenIDWeights {
		w := uint64(1)
		for range 17 - i {
			w = w * 2 % 11
		}
		if CitizenIDWeights[i] != w {
			t.Errorf("CitizenIDWeights[%d] = %d, want 2^%d mod 11 = %d", i, CitizenIDWeights[i], 17-i, w)
		}
	}
	for i := range CreditCodeWeights {
		w := 1
		for range i {
			w = w * 3 % 31
		}
		if CreditCodeWeights[i] != w {
			t.Errorf("CreditCodeWeights[%d] = %d, want 3^%d mod 31 = %d", i, CreditCodeWeights[i], i, w)
		}
	}
}

// TestCitizenIDShaped: the Go function and the pattern schemas carry say
// the same of numbers whose check character is right or wrong, of other
// lengths, letters, full-width digits and the legacy form.
func TestCitizenIDShaped(t *testing.T) {
	re := regexp.MustCompile(CitizenIDShapePattern)
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"11010519491231002X", true},
		{"11010519491231002x", true},
		{"110105194912310021", true}, // a wrong check digit: still the shape
		{"110105491231002", true},    // the legacy form
		{"11010519491231002Y", false},
		{"1101051949123100X2", false},
		{"1101051949123100", false},
		{"1101051949123100211", false},
		{"11010549123100X", false},
		{"１１０１０５１９４９１２３１００２X", false}, // full-width digits: not the ASCII shape
		{"", false},
		{"staff-371502", false},
	} {
		if got := CitizenIDShaped(tt.s); got != tt.want {
			t.Errorf("CitizenIDShaped(%q) = %v, want %v", tt.s, got, tt.want)
		}
		if got := re.MatchString(tt.s); got != tt.want {
			t.Errorf("CitizenIDShapePattern on %q = %v, want %v", tt.s, got, tt.want)
		}
	}
}
