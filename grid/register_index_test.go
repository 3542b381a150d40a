package grid

import (
	"math/rand/v2"
	"testing"

	"github.com/jiceng/jiceng/healthedu"
)

// TestResidentIndex checks the index against a map under random inserts
// and removals, with pseudonyms that share their first bytes so that
// probe sequences collide and wrap around.
func TestResidentIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var x residentIndex
	want := map[healthedu.Pseudonym]int32{}
	var keys []healthedu.Pseudonym
	for step := range 20000 {
		var p healthedu.Pseudonym
		p[0] = byte(rng.IntN(200)) // few homes: long clusters
		p[31] = byte(step)
		p[30] = byte(step >> 8)
		switch {
		case len(keys) > 0 && rng.IntN(3) == 0:
			k := rng.IntN(len(keys))
			x.remove(&keys[k])
			delete(want, keys[k])
			keys[k] = keys[len(keys)-1]
			keys = keys[:len(keys)-1]
		default:
			x.insert(p, int32(step), step%2 == 0)
			want[p] = int32(step)
			keys = append(keys, p)
		}
		if step%997 == 0 || step == 19999 {
			if x.n != len(want) {
				t.Fatalf("step %d: n = %d, want %d", step, x.n, len(want))
			}
			for p, i := range want {
				s := x.lookup(&p)
				if s == nil || s.ref != i+1 || s.alone != (i%2 == 0) {
					t.Fatalf("step %d: lookup(%x…) = %+v, want resident %d", step, p[:2], s, i)
				}
			}
			var absent healthedu.Pseudonym
			absent[0], absent[29] = 1, 0xff
			if x.lookup(&absent) != nil {
				t.Fatalf("step %d: found an absent pseudonym", step)
			}
		}
	}
}
