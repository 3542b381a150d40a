package grid

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// Register is a grid register (网格台账): the grids of a platform, their
// buildings, households and residents, the grid teams, the family doctors'
// household visits, and the service loop's campaigns (see [Register.Loop]).
// Records enter it through [Register.Add], which checks them on their own
// and against what the register holds.
//
// A Register keeps residents pseudonymised: it reads the citizen ID number
// of a [Resident] record, keeps its keyed pseudonym ([healthedu.Pseudonym])
// and forgets the number. It holds no birth dates, only age bands.
//
// A Register is not safe for concurrent use; an [Engine] that reads it must
// be used from the same goroutine.
type Register struct {
	key       []byte
	validator *healthedu.Validator
	teamRules TeamRules

	grids      map[string]*Grid
	buildings  map[string]*Building
	households map[string]*Household

	residents   []residentEntry // in the order first added; an index is stable
	residentIDs map[string]int32
	index       residentIndex      // by pseudonym
	members     map[string][]int32 // household ID → residents

	teams     map[string]*GridTeam // by grid ID
	signature map[string]signature // by household ID
	visits    map[string][]visitEntry
	visitOf   map[string]string // visit record ID → household ID

	loop Loop
}

// residentEntry is a resident as the register keeps it.
type residentEntry struct {
	id          string
	pseudonym   healthedu.Pseudonym
	household   string
	ageBand     AgeBand
	conditions  []Condition
	livingAlone bool
	auth        []Authorisation // by At, oldest first
}

// signature is the family doctor who signed a household (签约).
type signature struct {
	grid, doctor string
}

// visitEntry is one household visit.
type visitEntry struct {
	id, doctor string
	at         time.Time
}

// RegisterOption configures a Register.
type RegisterOption func(*Register)

// WithValidator sets the validator whose registry and clock the register
// checks records with (see each record's Check method): the division of a
// grid must be in its registry, and no time may be after its Now. The
// default is the zero healthedu.Validator: the default registry and no
// clock.
func WithValidator(v *healthedu.Validator) RegisterOption {
	return func(r *Register) { r.validator = v }
}

// WithTeamRules sets the rules grid teams are checked by; the default is
// [DefaultTeamRules].
func WithTeamRules(rules TeamRules) RegisterOption {
	return func(r *Register) { r.teamRules = rules }
}

// MinKeyLen is the least length of the pseudonymisation key (假名化密钥)
// that [NewRegister] accepts: 32 bytes, the size of an HMAC-SHA256 key
// without loss.
const MinKeyLen = 32

// NewRegister returns an empty register that pseudonymises citizen ID
// numbers with key, the platform's secret (at least [MinKeyLen] random
// bytes, the same for every record to be linked; keep it out of the code
// and the database). The register keeps a copy of key.
func NewRegister(key []byte, opts ...RegisterOption) (*Register, error) {
	if len(key) < MinKeyLen {
		return nil, errors.New("grid.NewRegister: pseudonymisation key of " + strconv.Itoa(len(key)) +
			" bytes, want at least " + strconv.Itoa(MinKeyLen))
	}
	r := &Register{
		key:         slices.Clone(key),
		validator:   new(healthedu.Validator),
		teamRules:   DefaultTeamRules(),
		grids:       make(map[string]*Grid),
		buildings:   make(map[string]*Building),
		households:  make(map[string]*Household),
		residentIDs: make(map[string]int32),
		members:     make(map[string][]int32),
		teams:       make(map[string]*GridTeam),
		signature:   make(map[string]signature),
		visits:      make(map[string][]visitEntry),
		visitOf:     make(map[string]string),
	}
	r.loop.init(r)
	for _, o := range opts {
		o(r)
	}
	return r, nil
}

// Add checks a record of one of this package's kinds and, unless an issue
// of severity error was found, adds it to the register, replacing the
// record of the same kind and ID if there is one (a resubmission). It
// returns the issues found, with paths relative to the record; an error
// among them means the record was not added. The checks are the record's
// own (its Check method, with the register's validator), the required
// fields a record built in Go may leave empty ("grid.required"), and those
// that need other records.
//
// References must resolve: a building names a grid already added, a
// household a grid and maybe a building of that grid, a resident a
// household, a team a grid and the households its doctor signs, a visit a
// household. Campaigns and loop events go to the register's [Loop]. A
// record of another kind, or a nil one, gives the issue "grid.kind".
func (r *Register) Add(rec healthedu.Record) []healthedu.Issue {
	switch x := rec.(type) {
	case *Grid:
		if x != nil {
			return r.addGrid(x)
		}
	case *Building:
		if x != nil {
			return r.addBuilding(x)
		}
	case *Household:
		if x != nil {
			return r.addHousehold(x)
		}
	case *Resident:
		if x != nil {
			return r.addResident(x)
		}
	case *GridTeam:
		if x != nil {
			return r.addTeam(x)
		}
	case *HouseholdVisit:
		if x != nil {
			return r.addVisit(x)
		}
	case *Campaign:
		if x != nil {
			return r.loop.open(x)
		}
	case *LoopEvent:
		if x != nil {
			return r.loop.apply(x)
		}
	default:
		if rec != nil {
			return []healthedu.Issue{healthedu.NewIssue("grid.kind", healthedu.Pointer("kind"),
				map[string]any{"value": string(rec.RecordHeader().Kind)})}
		}
	}
	// A nil record, or a nil pointer to one of this package's records.
	return []healthedu.Issue{healthedu.NewIssue("grid.kind", healthedu.Pointer("kind"), map[string]any{"value": ""})}
}

// hasErrors reports whether any of issues is an error.
func hasErrors(issues []healthedu.Issue) bool {
	return slices.ContainsFunc(issues, func(i healthedu.Issue) bool { return i.Severity == healthedu.SeverityError })
}

// unknownIssue returns the issue for a reference to a record of kind
// ("grid", "building", "household") that the register lacks.
func unknownIssue(kind, id string, path ...string) healthedu.Issue {
	return healthedu.NewIssue("grid."+kind+"Unknown", healthedu.Pointer(path...), map[string]any{"value": id})
}

// check returns the issues of rec on its own.
func (r *Register) check(rec healthedu.Record) []healthedu.Issue {
	return append(missing(rec), rec.Check(r.validator)...)
}

func (r *Register) addGrid(g *Grid) []healthedu.Issue {
	issues := r.check(g)
	if hasErrors(issues) {
		return issues
	}
	c := *g
	r.grids[g.ID] = &c
	return issues
}

func (r *Register) addBuilding(b *Building) []healthedu.Issue {
	issues := r.check(b)
	if _, ok := r.grids[b.Grid]; b.Grid != "" && !ok {
		issues = append(issues, unknownIssue("grid", b.Grid, "grid"))
	}
	if hasErrors(issues) {
		return issues
	}
	c := *b
	r.buildings[b.ID] = &c
	return issues
}

func (r *Register) addHousehold(h *Household) []healthedu.Issue {
	issues := r.check(h)
	if _, ok := r.grids[h.Grid]; h.Grid != "" && !ok {
		issues = append(issues, unknownIssue("grid", h.Grid, "grid"))
	}
	if h.Building != "" {
		switch b, ok := r.buildings[h.Building]; {
		case !ok:
			issues = append(issues, unknownIssue("building", h.Building, "building"))
		case b.Grid != h.Grid:
			issues = append(issues, healthedu.NewIssue("grid.buildingGrid", healthedu.Pointer("building"),
				map[string]any{"building": h.Building, "grid": b.Grid}))
		}
	}
	if hasErrors(issues) {
		return issues
	}
	c := *h
	r.households[h.ID] = &c
	return issues
}

func (r *Register) addResident(res *Resident) []healthedu.Issue {
	issues := r.check(res)
	if _, ok := r.households[res.Household]; res.Household != "" && !ok {
		issues = append(issues, unknownIssue("household", res.Household, "household"))
	}
	var p healthedu.Pseudonym
	if res.CitizenID.IsValid() {
		p = res.CitizenID.Pseudonym(r.key)
		if s := r.index.lookup(&p); s != nil && r.residents[s.ref-1].id != res.ID {
			issues = append(issues, healthedu.NewIssue("grid.residentDuplicate", healthedu.Pointer("citizenId"),
				map[string]any{"resident": r.residents[s.ref-1].id}))
		}
	}
	if hasErrors(issues) {
		return issues
	}
	i, ok := r.residentIDs[res.ID]
	if res.LivingAlone {
		n := len(r.members[res.Household])
		if ok && r.residents[i].household == res.Household {
			n-- // the resident's own earlier record
		}
		if n > 0 {
			issues = append(issues, healthedu.NewIssue("grid.livingAlone", healthedu.Pointer("livingAlone"),
				map[string]any{"household": res.Household, "others": n}))
		}
	}
	if !ok {
		i = int32(len(r.residents))
		r.residents = append(r.residents, residentEntry{id: res.ID})
		r.residentIDs[res.ID] = i
	}
	e := &r.residents[i]
	if e.pseudonym != p {
		r.index.remove(&e.pseudonym)
		e.pseudonym = p
		r.index.insert(p, i, res.LivingAlone)
	} else {
		r.index.lookup(&p).alone = res.LivingAlone
	}
	if e.household != res.Household {
		if old := e.household; old != "" {
			r.members[old] = slices.DeleteFunc(r.members[old], func(j int32) bool { return j == i })
		}
		r.members[res.Household] = append(r.members[res.Household], i)
	}
	e.household = res.Household
	e.ageBand = res.AgeBand
	e.conditions = slices.Clone(res.Conditions)
	e.livingAlone = res.LivingAlone
	e.auth = insertAuthorisation(e.auth, res.Authorisation)
	return issues
}

// insertAuthorisation returns hist with a inserted in order of time, in
// place of an authorisation given at the same instant.
func insertAuthorisation(hist []Authorisation, a Authorisation) []Authorisation {
	i, found := slices.BinarySearchFunc(hist, a.At, func(x Authorisation, t time.Time) int { return x.At.Compare(t) })
	if found {
		hist[i] = a
		return hist
	}
	return slices.Insert(hist, i, a)
}

// authorisationAt returns the authorisation in force at instant t: the
// latest given at or before t, or the zero Authorisation, which shares
// nothing.
func (e *residentEntry) authorisationAt(t time.Time) Authorisation {
	i, found := slices.BinarySearchFunc(e.auth, t, func(x Authorisation, t time.Time) int { return x.At.Compare(t) })
	if found {
		return e.auth[i]
	}
	if i == 0 {
		return Authorisation{}
	}
	return e.auth[i-1]
}

func (r *Register) addTeam(t *GridTeam) []healthedu.Issue {
	issues := r.teamRules.Check(t)
	if _, ok := r.grids[t.Grid]; t.Grid != "" && !ok {
		issues = append(issues, unknownIssue("grid", t.Grid, "grid"))
	}
	if old, ok := r.teams[t.Grid]; ok && old.ID != t.ID {
		issues = append(issues, healthedu.NewIssue("team.gridTaken", healthedu.Pointer("grid"),
			map[string]any{"grid": t.Grid, "team": old.ID}))
	}
	for mi, m := range t.Members {
		if m.Role != RoleFamilyDoctor {
			continue
		}
		for hi, h := range m.SignedHouseholds {
			path := []string{"members", strconv.Itoa(mi), "signedHouseholds", strconv.Itoa(hi)}
			hh, ok := r.households[h]
			switch s, signed := r.signature[h]; {
			case !ok:
				issues = append(issues, unknownIssue("household", h, path...))
			case hh.Grid != t.Grid:
				issues = append(issues, healthedu.NewIssue("team.signedOtherGrid", healthedu.Pointer(path...),
					map[string]any{"household": h, "grid": hh.Grid}))
			case signed && s.grid != t.Grid:
				issues = append(issues, healthedu.NewIssue("team.signedTwice", healthedu.Pointer(path...),
					map[string]any{"household": h, "doctor": s.doctor}))
			}
		}
	}
	if hasErrors(issues) {
		return issues
	}
	if old, ok := r.teams[t.Grid]; ok {
		r.unsign(old)
	}
	c := *t
	c.Members = slices.Clone(t.Members)
	for i := range c.Members {
		c.Members[i].SignedHouseholds = slices.Clone(c.Members[i].SignedHouseholds)
	}
	r.teams[t.Grid] = &c
	for _, m := range c.Members {
		if m.Role != RoleFamilyDoctor {
			continue
		}
		for _, h := range m.SignedHouseholds {
			if _, signed := r.signature[h]; !signed {
				r.signature[h] = signature{grid: c.Grid, doctor: m.ID}
			}
		}
	}
	return issues
}

// unsign removes the signatures of team t's doctors.
func (r *Register) unsign(t *GridTeam) {
	for _, m := range t.Members {
		for _, h := range m.SignedHouseholds {
			if s, ok := r.signature[h]; ok && s.grid == t.Grid && s.doctor == m.ID {
				delete(r.signature, h)
			}
		}
	}
}

func (r *Register) addVisit(v *HouseholdVisit) []healthedu.Issue {
	issues := r.check(v)
	if _, ok := r.households[v.Household]; v.Household != "" && !ok {
		issues = append(issues, unknownIssue("household", v.Household, "household"))
	}
	if hasErrors(issues) {
		return issues
	}
	if s, ok := r.signature[v.Household]; !ok || s.doctor != v.Doctor {
		issues = append(issues, healthedu.NewIssue("team.visitUnsigned", healthedu.Pointer("doctor"),
			map[string]any{"doctor": v.Doctor, "household": v.Household}))
	}
	if h, ok := r.visitOf[v.ID]; ok {
		r.visits[h] = slices.DeleteFunc(r.visits[h], func(e visitEntry) bool { return e.id == v.ID })
	}
	r.visitOf[v.ID] = v.Household
	r.visits[v.Household] = append(r.visits[v.Household], visitEntry{id: v.ID, doctor: v.Doctor, at: v.At})
	return issues
}

// ResidentInfo is a resident as a [Register] keeps it (居民档案): the
// pseudonym in place of the citizen ID number, and the history of the
// data authorisation.
type ResidentInfo struct {
	ID          string              // the resident record's ID
	Pseudonym   healthedu.Pseudonym // keyed pseudonym of the citizen ID number (假名)
	Household   string              // the household record's ID
	AgeBand     AgeBand
	Conditions  []Condition
	LivingAlone bool
	// Authorisations is the history of the data authorisation, oldest
	// first; the one in force at an instant is the latest given at or
	// before it.
	Authorisations []Authorisation
}

// Pseudonym returns the keyed pseudonym (假名) under which the register
// knows the holder of id, so that a device gateway that reads a citizen ID
// number can address [Reading]s without passing the number on.
func (r *Register) Pseudonym(id healthedu.CitizenID) healthedu.Pseudonym {
	return id.Pseudonym(r.key)
}

// Resident returns the resident with pseudonym p.
func (r *Register) Resident(p healthedu.Pseudonym) (ResidentInfo, bool) {
	s := r.index.lookup(&p)
	if s == nil {
		return ResidentInfo{}, false
	}
	e := &r.residents[s.ref-1]
	return ResidentInfo{
		ID:             e.id,
		Pseudonym:      e.pseudonym,
		Household:      e.household,
		AgeBand:        e.ageBand,
		Conditions:     slices.Clone(e.conditions),
		LivingAlone:    e.livingAlone,
		Authorisations: slices.Clone(e.auth),
	}, true
}

// Authorisation returns the data authorisation (数据授权) of the resident
// with pseudonym p in force at instant t: the latest given at or before t.
// It returns the zero Authorisation, which shares nothing, for an unknown
// resident or an instant before any authorisation.
func (r *Register) Authorisation(p healthedu.Pseudonym, t time.Time) Authorisation {
	s := r.index.lookup(&p)
	if s == nil {
		return Authorisation{}
	}
	return r.residents[s.ref-1].authorisationAt(t)
}

// Grid returns the grid with record ID id.
func (r *Register) Grid(id string) (Grid, bool) {
	g, ok := r.grids[id]
	if !ok {
		return Grid{}, false
	}
	return *g, true
}

// Household returns the household with record ID id.
func (r *Register) Household(id string) (Household, bool) {
	h, ok := r.households[id]
	if !ok {
		return Household{}, false
	}
	return *h, true
}

// Team returns the team of the grid with record ID grid.
func (r *Register) Team(grid string) (GridTeam, bool) {
	t, ok := r.teams[grid]
	if !ok {
		return GridTeam{}, false
	}
	c := *t
	c.Members = slices.Clone(t.Members)
	for i := range c.Members {
		c.Members[i].SignedHouseholds = slices.Clone(c.Members[i].SignedHouseholds)
	}
	return c, true
}

// Loop returns the register's service loop (服务闭环), which holds the
// campaigns and loop events added to the register.
func (r *Register) Loop() *Loop { return &r.loop }

// gridOfResident returns the grid of the household of resident i, or nil.
func (r *Register) gridOfResident(i int32) (household string, g *Grid) {
	e := &r.residents[i]
	h, ok := r.households[e.household]
	if !ok {
		return e.household, nil
	}
	return e.household, r.grids[h.Grid]
}

// sortedKeys returns the keys of m in increasing order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare[string])
	return keys
}
