package healthedu

import (
	"math/rand/v2"
	"testing"
)

// TestValidateIDSet adds keys to a validateIDSet in random order — many
// sharing the top bits that choose their run, so that a run grows well
// past its first capacity, others at the ends of the range of keys — and
// checks that each added key is found with its value and no other key
// is found.
func TestValidateIDSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 17))
	var keys []uint64
	for i := range uint64(3000) {
		keys = append(keys, 0x5a5<<(64-validateIDBits)|i*7919) // one run
	}
	for range 20000 {
		keys = append(keys, rng.Uint64())
	}
	keys = append(keys, 0, 1, 1<<(64-validateIDBits)-1, 1<<(64-validateIDBits), 1<<63, ^uint64(0), ^uint64(0)-1)
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	var s validateIDSet
	s.init()
	want := make(map[uint64]uint64)
	for i, k := range keys {
		if _, ok := want[k]; ok {
			continue
		}
		if _, ok := s.find(k); ok {
			t.Fatalf("key %#x found before it was added", k)
		}
		s.add(k, uint64(i)<<32|uint64(i)^k)
		want[k] = uint64(i)<<32 | uint64(i) ^ k
	}
	for k, v := range want {
		if got, ok := s.find(k); !ok || got != v {
			t.Errorf("find(%#x) = %#x, %v; want %#x, true", k, got, ok, v)
		}
		for _, other := range []uint64{k + 1, k - 1, k ^ 1<<40} {
			if _, taken := want[other]; taken {
				continue
			}
			if _, ok := s.find(other); ok {
				t.Errorf("find(%#x) found a key never added", other)
			}
		}
	}
	if n := len(s.parts[0x5a5]); n < 3000 {
		t.Errorf("run 0x5a5 holds %d pairs, want 3000 or more", n)
	}
}
