package indicators

import (
	"testing"
	"time"
	_ "time/tzdata" // Asia/Shanghai wherever the tests run
)

// TestZoneCacheShare checks that times parsed with the same offset come
// to share one zone, the same instant with the same offset and name,
// while UTC, Local and zones with rules keep theirs.
func TestZoneCacheShare(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	parse := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var c zoneCache
	first := c.share(parse("2025-11-03T09:00:00+08:00"))
	tests := []struct {
		in         time.Time
		sameZoneAs *time.Location // nil: the zone of in
	}{
		{parse("2025-11-04T10:30:00+08:00"), first.Location()},
		{parse("2025-11-04T10:30:00+05:30"), nil},
		{parse("2025-11-04T10:30:00Z"), time.UTC},
		{time.Date(2025, 11, 4, 10, 30, 0, 0, shanghai), shanghai},
		{time.Date(2025, 11, 4, 10, 30, 0, 0, time.Local), time.Local},
	}
	for _, tt := range tests {
		got := c.share(tt.in)
		if !got.Equal(tt.in) || got.Format(time.RFC3339Nano) != tt.in.Format(time.RFC3339Nano) {
			t.Errorf("share(%v) = %v, want the same instant and offset", tt.in, got)
		}
		want := tt.sameZoneAs
		if want == nil {
			want = tt.in.Location()
		}
		if got.Location() != want {
			t.Errorf("share(%v): zone %p, want %p", tt.in, got.Location(), want)
		}
	}
}
