package healthedu

import "testing"

func TestFoldFullWidth(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"3715", "3715", true},
		{"３７１５", "3715", true},
		{"＋８６　１３８", "+86 138", true},
		{"１１０１０５１９４９１２３１００２ｘ", "11010519491231002x", true},
		{"37一5", "37", false},
		{"\xff", "", false},
	}
	for _, tt := range tests {
		got, ok := foldFullWidth(nil, tt.in)
		if ok != tt.ok || (ok && string(got) != tt.want) {
			t.Errorf("foldFullWidth(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFoldFullWidthNoAlloc(t *testing.T) {
	var buf [32]byte
	allocs := testing.AllocsPerRun(100, func() {
		foldFullWidth(buf[:0], "３７１５０２００１")
	})
	if allocs != 0 {
		t.Errorf("foldFullWidth allocates %v times, want 0", allocs)
	}
}
