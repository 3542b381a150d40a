package healthedu

import (
	"reflect"
	"slices"

	"github.com/jiceng/jiceng/internal/jsonwire"
)

// This file decodes an Activity, the record submitted most, by hand: the
// members of the reflective decoder's codec (jsonwire.FieldsOf), with the
// same rules from the struct tags, in the same steps, to the same issues
// in the same order, but without reflection, and with the record and its
// short lists in one allocation. FuzzActivityDecoder checks that both
// decoders judge any input alike.

// activityBlock is a decoded Activity with room for its short lists and
// its optional parts, so that a typical record is one allocation (and its
// strings another). The Record is &block.a, which keeps the block alive.
type activityBlock struct {
	a        Activity
	topics   [2]Topic
	groups   [2]TargetGroup
	speakers [2]Speaker
	evidence Evidence
	resident Resident
}

// members are the members of a struct as the reflective decoder compiled
// them, each with the position of its name in the list given to
// membersOf, which is what a hand-written decoder switches on.
type members struct {
	fs   *jsonwire.Fields
	slot []uint8           // by index in fs: the position of its name
	c    []*jsonwire.Codec // by position
}

// membersOf returns the members of fs, which must be exactly those named.
func membersOf(fs *jsonwire.Fields, names ...string) (members, bool) {
	if fs == nil || fs.Len() != len(names) {
		return members{}, false
	}
	m := members{fs: fs, slot: make([]uint8, fs.Len()), c: make([]*jsonwire.Codec, len(names))}
	for k, name := range names {
		i := fs.Index(name)
		if i < 0 {
			return members{}, false
		}
		m.slot[i] = uint8(k)
		m.c[k] = fs.Codec(i)
	}
	return m, true
}

// The members of an Activity, in the order given to membersOf.
const (
	actSchemaVersion = iota
	actKind
	actID
	actTitle
	actOrganizer
	actDivision
	actVenue
	actForm
	actTopics
	actTargetGroups
	actStart
	actEnd
	actParticipants
	actMaterials
	actSpeakers
	actEvidence
	actResident
	actMaterial
	actBoard
)

// activityCodec is what decodeActivity needs: the members of Activity and
// of the structs it holds.
type activityCodec struct {
	act, org, venue, speaker, evidence, resident, consent, material, board members
}

// activityDecoder is the hand-written decoder of Activity, nil if the
// members of the types are not those it knows (a test makes sure they
// are); the Decoder then decodes activities by reflection.
var activityDecoder = func() *activityCodec {
	var t activityCodec
	var ok [9]bool
	t.act, ok[0] = membersOf(jsonwire.FieldsOf(reflect.TypeFor[Activity]()),
		"schemaVersion", "kind", "id", "title", "organizer", "division", "venue", "form", "topics",
		"targetGroups", "start", "end", "participants", "materialsDistributed", "speakers",
		"evidence", "resident", "material", "board")
	if !ok[0] {
		return nil
	}
	c := t.act.c
	if speakers := c[actSpeakers].Elem(); speakers != nil {
		t.speaker, ok[1] = membersOf(speakers.Fields(), "name", "role", "expert")
	}
	t.org, ok[2] = membersOf(c[actOrganizer].Fields(), "creditCode", "name", "type", "division")
	t.venue, ok[3] = membersOf(c[actVenue].Fields(), "type", "name")
	t.evidence, ok[4] = membersOf(c[actEvidence].Fields(), "photos", "signInSheet")
	t.resident, ok[5] = membersOf(c[actResident].Fields(), "citizenId", "consent")
	if ok[5] {
		t.consent, ok[6] = membersOf(t.resident.c[1].Fields(), "community", "medical")
	}
	t.material, ok[7] = membersOf(c[actMaterial].Fields(), "id", "title")
	t.board, ok[8] = membersOf(c[actBoard].Fields(), "id", "areaDm2")
	for _, o := range ok {
		if !o {
			return nil
		}
	}
	return &t
}()

// decode decodes the record at rd's read position, '{', into b.a; the
// caller then sets its strings (FinishStrings).
func (t *activityCodec) decode(rd *jsonwire.Reader, b *activityBlock) {
	a := &b.a
	var o jsonwire.Object
	if !rd.BeginObject(t.act.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.act.slot[i]
		c := t.act.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case actSchemaVersion:
			rd.String(c, &a.SchemaVersion)
		case actKind:
			rd.String(c, (*string)(&a.Kind))
		case actID:
			rd.String(c, &a.ID)
		case actTitle:
			rd.String(c, &a.Title)
		case actOrganizer:
			t.decodeOrganizer(rd, &a.Organizer)
		case actDivision:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, decodeDivision(&a.Division, s), pos)
			}
		case actVenue:
			t.decodeVenue(rd, &a.Venue)
		case actForm:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, a.Form.UnmarshalText(s), pos)
			}
		case actTopics:
			a.Topics = decodeTopics(rd, c, b.topics[:])
		case actTargetGroups:
			a.TargetGroups = decodeTargetGroups(rd, c, b.groups[:])
		case actStart:
			rd.Time(&a.Start)
		case actEnd:
			rd.Time(&a.End)
		case actParticipants:
			rd.Int(c, &a.Participants)
		case actMaterials:
			rd.Int(c, &a.MaterialsDistributed)
		case actSpeakers:
			a.Speakers = t.decodeSpeakers(rd, c, b.speakers[:])
		case actEvidence:
			if a.Evidence == nil {
				a.Evidence = &b.evidence
			}
			if ec := c.Elem(); rd.Begin(ec) {
				t.decodeEvidence(rd, a.Evidence)
			}
		case actResident:
			if a.Resident == nil {
				a.Resident = &b.resident
			}
			if ec := c.Elem(); rd.Begin(ec) {
				t.decodeResident(rd, a.Resident)
			}
		case actMaterial:
			if a.Material == nil {
				a.Material = new(Material)
			}
			if ec := c.Elem(); rd.Begin(ec) {
				t.decodeMaterial(rd, a.Material)
			}
		case actBoard:
			if a.Board == nil {
				a.Board = new(Board)
			}
			if ec := c.Elem(); rd.Begin(ec) {
				t.decodeBoard(rd, a.Board)
			}
		}
	}
}

// decodeReport reports err, the error of an UnmarshalText method for the
// value at pos, unless it is nil.
func decodeReport(rd *jsonwire.Reader, err error, pos int) {
	if err != nil {
		rd.ValueError(err, pos)
	}
}

// decodeDivision, decodeCreditCode and decodeCitizenID reject an empty
// string, as the Decoder's EmptyText hook does, before UnmarshalText.
func decodeDivision(d *DivisionCode, s []byte) error {
	if len(s) == 0 {
		return d.wireEmptyError()
	}
	return d.UnmarshalText(s)
}

func decodeCreditCode(c *CreditCode, s []byte) error {
	if len(s) == 0 {
		return c.wireEmptyError()
	}
	return c.UnmarshalText(s)
}

func decodeCitizenID(id *CitizenID, s []byte) error {
	if len(s) == 0 {
		return id.wireEmptyError()
	}
	return id.UnmarshalText(s)
}

func (t *activityCodec) decodeOrganizer(rd *jsonwire.Reader, org *Organizer) {
	var o jsonwire.Object
	if !rd.BeginObject(t.org.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.org.slot[i]
		c := t.org.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case 0:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, decodeCreditCode(&org.CreditCode, s), pos)
			}
		case 1:
			rd.String(c, &org.Name)
		case 2:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, org.Type.UnmarshalText(s), pos)
			}
		case 3:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, decodeDivision(&org.Division, s), pos)
			}
		}
	}
}

func (t *activityCodec) decodeVenue(rd *jsonwire.Reader, v *Venue) {
	var o jsonwire.Object
	if !rd.BeginObject(t.venue.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.venue.slot[i]
		c := t.venue.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case 0:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, v.Type.UnmarshalText(s), pos)
			}
		case 1:
			rd.String(c, &v.Name)
		}
	}
}

// decodeSlice returns a slice for an array of n elements: buf's room when
// it is enough, else a new array with room for n or more, as
// reflect.Value.Grow makes it, so that an array longer than maxItems grows
// it when the reflective decoder's does.
func decodeSlice[T any](buf []T, n int) []T {
	switch {
	case n > len(buf):
		return slices.Grow([]T(nil), n)[:n]
	case buf == nil:
		return []T{} // [] is an empty slice, not nil
	}
	return buf[:n:n]
}

func decodeTopics(rd *jsonwire.Reader, c *jsonwire.Codec, buf []Topic) []Topic {
	var arr jsonwire.Array
	if !rd.OpenArray(c, &arr) {
		return nil
	}
	// Interned strings, set at once: the slice may grow as it likes.
	s := buf[:0]
	ec := c.Elem()
	for i := rd.NextElement(&arr); i >= 0; i = rd.NextElement(&arr) {
		s = append(s, "")
		if !rd.Begin(ec) {
			continue
		}
		if b, pos, ok := rd.Text(ec); ok {
			decodeReport(rd, s[i].UnmarshalText(b), pos)
		}
	}
	return s
}

func decodeTargetGroups(rd *jsonwire.Reader, c *jsonwire.Codec, buf []TargetGroup) []TargetGroup {
	var arr jsonwire.Array
	if !rd.OpenArray(c, &arr) {
		return nil
	}
	// Interned strings, set at once: the slice may grow as it likes.
	s := buf[:0]
	ec := c.Elem()
	for i := rd.NextElement(&arr); i >= 0; i = rd.NextElement(&arr) {
		s = append(s, "")
		if !rd.Begin(ec) {
			continue
		}
		if b, pos, ok := rd.Text(ec); ok {
			decodeReport(rd, s[i].UnmarshalText(b), pos)
		}
	}
	return s
}

func (t *activityCodec) decodeSpeakers(rd *jsonwire.Reader, c *jsonwire.Codec, buf []Speaker) []Speaker {
	var arr jsonwire.Array
	n, ok := rd.BeginArray(c, &arr)
	if !ok {
		return nil
	}
	s := decodeSlice(buf, n)
	ec := c.Elem()
	for i := rd.NextElement(&arr); i >= 0; i = rd.NextElement(&arr) {
		if i >= len(s) {
			s = append(s, Speaker{})
		}
		if rd.Begin(ec) {
			t.decodeSpeaker(rd, &s[i])
		}
	}
	if rd.Fatal() {
		return s
	}
	return s[:arr.Len()]
}

func (t *activityCodec) decodeSpeaker(rd *jsonwire.Reader, sp *Speaker) {
	var o jsonwire.Object
	if !rd.BeginObject(t.speaker.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.speaker.slot[i]
		c := t.speaker.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case 0:
			rd.String(c, &sp.Name)
		case 1:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, sp.Role.UnmarshalText(s), pos)
			}
		case 2:
			rd.String(c, &sp.Expert)
		}
	}
}

func (t *activityCodec) decodeEvidence(rd *jsonwire.Reader, e *Evidence) {
	var o jsonwire.Object
	if !rd.BeginObject(t.evidence.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.evidence.slot[i]
		c := t.evidence.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case 0:
			e.Photos = decodeStrings(rd, c)
		case 1:
			rd.String(c, &e.SignInSheet)
		}
	}
}

func decodeStrings(rd *jsonwire.Reader, c *jsonwire.Codec) []string {
	var arr jsonwire.Array
	n, ok := rd.BeginArray(c, &arr)
	if !ok {
		return nil
	}
	s := decodeSlice[string](nil, n)
	ec := c.Elem()
	for i := rd.NextElement(&arr); i >= 0; i = rd.NextElement(&arr) {
		if i >= len(s) {
			s = append(s, "")
		}
		if rd.Begin(ec) {
			rd.String(ec, &s[i])
		}
	}
	if rd.Fatal() {
		return s
	}
	return s[:arr.Len()]
}

func (t *activityCodec) decodeResident(rd *jsonwire.Reader, r *Resident) {
	var o jsonwire.Object
	if !rd.BeginObject(t.resident.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.resident.slot[i]
		c := t.resident.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case 0:
			if s, pos, ok := rd.Text(c); ok {
				decodeReport(rd, decodeCitizenID(&r.CitizenID, s), pos)
			}
		case 1:
			t.decodeConsent(rd, &r.Consent)
		}
	}
}

func (t *activityCodec) decodeConsent(rd *jsonwire.Reader, cs *Consent) {
	var o jsonwire.Object
	if !rd.BeginObject(t.consent.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.consent.slot[i]
		if !rd.Begin(t.consent.c[k]) {
			continue
		}
		switch k {
		case 0:
			rd.Bool(&cs.Community)
		case 1:
			rd.Bool(&cs.Medical)
		}
	}
}

func (t *activityCodec) decodeMaterial(rd *jsonwire.Reader, m *Material) {
	var o jsonwire.Object
	if !rd.BeginObject(t.material.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.material.slot[i]
		c := t.material.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case 0:
			rd.String(c, &m.ID)
		case 1:
			rd.String(c, &m.Title)
		}
	}
}

func (t *activityCodec) decodeBoard(rd *jsonwire.Reader, bd *Board) {
	var o jsonwire.Object
	if !rd.BeginObject(t.board.fs, &o) {
		return
	}
	for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
		k := t.board.slot[i]
		c := t.board.c[k]
		if !rd.Begin(c) {
			continue
		}
		switch k {
		case 0:
			rd.String(c, &bd.ID)
		case 1:
			rd.Int(c, &bd.AreaDm2)
		}
	}
}
