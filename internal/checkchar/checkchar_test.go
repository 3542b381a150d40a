package checkchar

import "testing"

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
