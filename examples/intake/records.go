package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
	"github.com/jiceng/jiceng/roster"
)

// recordFacts are what the server needs to know of a record besides its
// content: the division it is for, which must lie within the submitter's,
// the period that locks it, and the citizen ID it names, if any.
type recordFacts struct {
	Division  healthedu.DivisionCode
	Period    healthedu.Period
	CitizenID healthedu.CitizenID
	// Register says the record is an entry of the register of people
	// (花名册: an instructor, an expert or a lecture team, package roster),
	// which has no period of its own: it is stored with the day it was
	// received as its period, and no period lock refuses it (see factsOf).
	Register bool
}

// kindsTaken are the kinds of record the platform takes, stores and reads
// back: healthedu's exchange kinds, the rectification items of package
// ledger (整改事项, see ledger.go), the register of people of package
// roster and the lecture requests of package booking, all stored as
// ordinary records.
var kindsTaken = func() healthedu.Kinds {
	ks := append(healthedu.ExchangeKinds(), ledger.Kinds()...)
	ks = append(ks, roster.Kinds()...)
	return append(ks, booking.Kinds()...)
}()

// typesTaken are the Go types of the kinds taken.
var typesTaken = func() map[reflect.Type]bool {
	m := make(map[reflect.Type]bool, len(kindsTaken))
	for _, info := range kindsTaken {
		m[reflect.TypeOf(info.New())] = true
	}
	return m
}()

// factsOf returns the facts of r received at received, or the issue that
// rejects it: a kind
// the platform does not take (none that its decoders return), or a record
// whose period cannot be derived from its times (intake.periodUnknown, at
// the path of the time), which the platform would otherwise store without
// a period, beyond its locks and its reads.
//
// The division and the period are the record's own (see
// healthedu.Record): the period is the month the record's figures fall
// in — an activity's month of start, a monthly report's month, a literacy
// survey's month of interview, a binding's month of its latest event
// (binding, or unbinding when given, so that an unbinding can be reported
// after the month of the binding has locked) — and a health cell's year of
// naming. A lecture request's period is the month of its latest change
// (its request, or the last event of its history), not the month of the
// request that its RecordPeriod returns: a request made in July and held
// in September is resubmitted with its new status in September, after
// July has locked, and the change it brings to the figures (fulfilled,
// declined, days to fulfil) falls in the month of that change.
//
// The register of people has no period of its own: an instructor, an
// expert or a lecture team is the register as it stands, whose figures
// are counted at the end of every month from it. Its records are stored
// with the day they were received (in China Standard Time) as their
// period, and marked Register, which the submission takes past the period
// locks: a register record is never refused by a lock. Nor does it lock
// anything: a lock is of a division and a period (see lockCheck), judged
// from the calendar and the unlocks, never from the records stored.
func factsOf(r healthedu.Record, received time.Time) (recordFacts, *healthedu.Issue) {
	if !typesTaken[reflect.TypeOf(r)] {
		is := healthedu.NewIssue(codeKindNotTaken, "/kind", map[string]any{"kind": string(r.RecordHeader().Kind)})
		return recordFacts{}, &is
	}
	p, path := r.RecordPeriod()
	f := recordFacts{Division: r.RecordDivision(), Period: p, CitizenID: citizenIDOf(r)}
	switch r := r.(type) {
	case *roster.Instructor, *roster.Expert, *roster.LectureTeam:
		f.Register = true
		f.Period, path = healthedu.Period{}, ""
		if healthedu.Representable(received) {
			f.Period = healthedu.PeriodOf(healthedu.PeriodDay, received)
		}
	case *booking.LectureRequest:
		if p.IsValid() {
			for _, e := range r.History {
				if healthedu.Representable(e.At) {
					if m := healthedu.PeriodOf(healthedu.PeriodMonth, e.At); m.Compare(f.Period) > 0 {
						f.Period = m
					}
				}
			}
		}
	}
	if !f.Period.IsValid() {
		is := healthedu.NewIssue(codePeriodUnknown, path, nil)
		return f, &is
	}
	return f, nil
}

// citizenIDOf returns the citizen ID a record names: the resident of an
// activity of individual guidance or a home visit, or of a binding, or an
// instructor of the register.
func citizenIDOf(r healthedu.Record) healthedu.CitizenID {
	switch r := r.(type) {
	case *healthedu.Activity:
		if r.Resident != nil {
			return r.Resident.CitizenID
		}
	case *healthedu.Binding:
		return r.Resident.CitizenID
	case *roster.Instructor:
		return r.CitizenID
	}
	return healthedu.CitizenID{}
}

// storedForm returns r as the store keeps it: its canonical JSON — the
// record re-encoded from its Go value, in which every CitizenID writes
// itself masked, with any citizen ID number in free text masked too —
// and the pseudonym of its citizen ID under key, and the hash of both.
//
// An instructor of the register is stored pseudonymised
// (roster.Instructor.Pseudonymise under key): its body holds the pseudonym
// of the citizen ID number in place of the number, neither in clear nor
// masked, and can be decoded again. r itself is left as it is.
func storedForm(r healthedu.Record, f recordFacts, submitter healthedu.DivisionCode, key []byte) (storedRecord, error) {
	// The member the platform itself wrote, which the mask of citizen IDs
	// in free text must leave whole: 64 hexadecimal digits may hold a
	// run of decimal ones that reads as a citizen ID number.
	var keep []byte
	if in, ok := r.(*roster.Instructor); ok {
		c := *in
		if err := c.Pseudonymise(key); err != nil {
			return storedRecord{}, err
		}
		r = &c
		// Only a pseudonym computed here: one the submitter wrote is
		// masked as any text is.
		if in.CitizenID.IsValid() {
			keep = c.Pseudonym.AppendTo([]byte(`"pseudonym":"`))
		}
	}
	buf := storedFormBuffers.Get().(*[]byte)
	defer storedFormBuffers.Put(buf)
	b, ok := (*buf)[:0], false
	if a, isActivity := r.(*healthedu.Activity); isActivity {
		b, ok = appendActivityJSON(b, a)
	}
	if !ok {
		w := bytes.NewBuffer(b)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			return storedRecord{}, err
		}
		b = bytes.TrimSuffix(w.Bytes(), []byte("\n"))
	}
	h := r.RecordHeader()
	sr := storedRecord{
		Kind:      h.Kind,
		ID:        h.ID,
		Submitter: submitter,
		Division:  f.Division,
		Period:    f.Period,
	}
	if body, masked := redactBodyKeeping(b, keep); masked {
		sr.Body = body
	} else {
		sr.Body = bytes.Clone(b) // b is the pool's
	}
	if f.CitizenID.IsValid() {
		sr.Pseudonym = f.CitizenID.Pseudonym(key).String()
	}
	// The hash of the body, a NUL and the pseudonym, written in the
	// buffer.
	b = append(append(append(b[:0], sr.Body...), 0), sr.Pseudonym...)
	sum := sha256.Sum256(b)
	sr.Hash = hex.EncodeToString(sum[:])
	if cap(b) <= 1<<16 {
		*buf = b[:0]
	}
	return sr, nil
}

// storedFormBuffers are the buffers in which storedForm writes a body.
var storedFormBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// citizenIDMember is how a citizen ID begins in the canonical JSON.
var citizenIDMember = []byte(`"citizenId":"`)

// decodeStored decodes a stored record back into its Go value, for the
// indicators. The masked citizen ID cannot be read back, and is left out:
// the indicators tell residents apart by the stored pseudonym instead
// (see recordSet).
func decodeStored(sr *storedRecord) (healthedu.Record, error) {
	info, ok := kindsTaken.Lookup(sr.Kind)
	if !ok {
		return nil, fmt.Errorf("stored record of unknown kind %q", sr.Kind)
	}
	body := sr.Body
	if bytes.Contains(body, citizenIDMember) {
		body = blankCitizenIDs(body)
	}
	rec := info.New()
	if err := json.Unmarshal(body, rec); err != nil {
		return nil, fmt.Errorf("stored record %s %q: %w", sr.Kind, sr.ID, err)
	}
	return rec, nil
}

// blankCitizenIDs returns body with the value of every "citizenId" member
// emptied, which decodes as the zero CitizenID.
func blankCitizenIDs(body []byte) []byte {
	out := make([]byte, 0, len(body))
	for {
		i := bytes.Index(body, citizenIDMember)
		if i < 0 {
			return append(out, body...)
		}
		i += len(citizenIDMember)
		out = append(out, body[:i]...)
		body = body[i:]
		end := bytes.IndexByte(body, '"')
		if end < 0 {
			return append(out, body...)
		}
		body = body[end:]
	}
}
