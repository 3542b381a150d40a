package grid

import (
	"encoding/binary"

	"github.com/jiceng/jiceng/healthedu"
)

// residentIndex finds a resident by pseudonym: an open-addressing hash
// table with linear probing, at most half full. A pseudonym is an
// HMAC-SHA256 output, uniform without further hashing, so its first eight
// bytes place it. A slot holds the whole pseudonym and what an [Engine]
// needs on every reading, so that a reading about a resident who lives
// with others costs one cache miss.
type residentIndex struct {
	slots []residentSlot // len 0 or a power of two
	n     int
}

type residentSlot struct {
	p     healthedu.Pseudonym
	ref   int32 // the resident's index + 1; 0 for an empty slot
	alone bool  // the resident lives alone
}

func (x *residentIndex) home(p *healthedu.Pseudonym) int {
	return int(binary.LittleEndian.Uint64(p[:8]) & uint64(len(x.slots)-1))
}

// find returns the position of the slot of p, or -1.
func (x *residentIndex) find(p *healthedu.Pseudonym) int {
	if x.n == 0 {
		return -1
	}
	mask := len(x.slots) - 1
	for j := x.home(p); ; j = (j + 1) & mask {
		s := &x.slots[j]
		if s.ref == 0 {
			return -1
		}
		if s.p == *p {
			return j
		}
	}
}

// lookup returns the slot of p, or nil.
func (x *residentIndex) lookup(p *healthedu.Pseudonym) *residentSlot {
	if j := x.find(p); j >= 0 {
		return &x.slots[j]
	}
	return nil
}

// insert adds p, which must be absent, for resident i.
func (x *residentIndex) insert(p healthedu.Pseudonym, i int32, alone bool) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	mask := len(x.slots) - 1
	j := x.home(&p)
	for x.slots[j].ref != 0 {
		j = (j + 1) & mask
	}
	x.slots[j] = residentSlot{p: p, ref: i + 1, alone: alone}
	x.n++
}

func (x *residentIndex) grow() {
	old := x.slots
	x.slots = make([]residentSlot, max(2*len(old), 64))
	x.n = 0
	for _, s := range old {
		if s.ref != 0 {
			x.insert(s.p, s.ref-1, s.alone)
		}
	}
}

// remove removes p, if present, shifting back the slots after it so that
// no probe sequence is broken.
func (x *residentIndex) remove(p *healthedu.Pseudonym) {
	hole := x.find(p)
	if hole < 0 {
		return
	}
	mask := len(x.slots) - 1
	for j := (hole + 1) & mask; x.slots[j].ref != 0; j = (j + 1) & mask {
		// The slot at j may fill the hole if its home is not in (hole, j].
		h := x.home(&x.slots[j].p)
		if (j-h)&mask >= (j-hole)&mask {
			x.slots[hole] = x.slots[j]
			hole = j
		}
	}
	x.slots[hole] = residentSlot{}
	x.n--
}
