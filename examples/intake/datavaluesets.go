package main

// DHIS2's dataValueSets on the intake (DHIS2 数据值集接口): POST
// /api/dataValueSets takes the data values of a DHIS2 instance, or of
// another jiceng platform, as monthly reports through the intake's own
// path; GET /api/dataValueSets gives a division's figures as data values
// that roll up exactly on a platform above (see exportValues).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
)

// The import strategies of POST /api/dataValueSets (导入策略), as DHIS2
// names them. What each does to the stored monthly report of an
// organisation unit and month, value by value (see mergeReport):
const (
	// strategyCreateAndUpdate, the default, adds the values not stored
	// and replaces those stored.
	strategyCreateAndUpdate = "CREATE_AND_UPDATE"
	// strategyCreate adds the values not stored and leaves those stored
	// as they are (ignored).
	strategyCreate = "CREATE"
	// strategyUpdate replaces the values stored and ignores the others:
	// it creates no report.
	strategyUpdate = "UPDATE"
	// strategyDelete deletes the values stored, whatever value the
	// document gives them, and ignores the others; a report left without
	// a value is deleted whole, and so is no longer received.
	strategyDelete = "DELETE"
)

// identityMapping is the mapping of a platform without -dhis2-mapping:
// under the scheme CODE, each element of the default catalogue is the
// data element of its own code, its zeros significant (a zero is a
// figure, and is sent), and each division of the default registry is the
// organisation unit of its 12-digit code, such as 371502000000 — the
// short form (371502) is not read, as a DHIS2 code is matched exactly —
// so that one jiceng platform posts to another with no configuration.
var identityMapping = sync.OnceValues(func() (*dhis2.Mapping, error) {
	m := &dhis2.Mapping{}
	if err := m.SetSchemes(dhis2.Schemes{ID: dhis2.Code, DataElement: dhis2.Code, OrgUnit: dhis2.Code}); err != nil {
		return nil, err
	}
	for _, e := range healthedu.DefaultElements().Elements() {
		if err := m.MapOperand(e.Code, dhis2.Operand{DataElement: e.Code, ZeroIsSignificant: true}); err != nil {
			return nil, err
		}
	}
	for d := range healthedu.DefaultRegistry().All() {
		if err := m.MapDivision(d.Code, d.Code.String()); err != nil {
			return nil, err
		}
	}
	return m, nil
})

// mapping returns the platform's DHIS2 mapping: -dhis2-mapping's, or the
// identity mapping.
func (s *server) mapping() (*dhis2.Mapping, error) {
	if s.cfg.DHIS2 != nil {
		return s.cfg.DHIS2, nil
	}
	return identityMapping()
}

// dataValueSetType reads the Content-Type of a dataValueSets document:
// JSON (application/json) or CSV (application/csv, text/csv), in UTF-8.
func dataValueSetType(contentType string) (healthedu.Encoding, string, map[string]any) {
	if strings.TrimSpace(contentType) == "" {
		return healthedu.UTF8, codeContentTypeNone, nil
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return healthedu.UTF8, codeContentType, map[string]any{"type": contentType}
	}
	switch mt {
	case "application/json", "application/csv", "text/csv":
	default:
		return healthedu.UTF8, codeContentType, map[string]any{"type": mt}
	}
	switch charset := strings.ToLower(params["charset"]); charset {
	case "", "utf-8", "utf8":
		return healthedu.UTF8, "", nil
	default:
		return healthedu.UTF8, codeCharset, map[string]any{"charset": params["charset"]}
	}
}

// The answer of POST /api/dataValueSets: DHIS2's import summary, wrapped
// in the WebMessage in which DHIS2 2.38 and later answer it (200 for
// SUCCESS, 409 for WARNING and ERROR).
type (
	dvsWebMessage struct {
		HTTPStatus     string           `json:"httpStatus"`
		HTTPStatusCode int              `json:"httpStatusCode"`
		Status         string           `json:"status"`
		Message        string           `json:"message"`
		Response       dvsImportSummary `json:"response"`
	}
	dvsImportSummary struct {
		ResponseType  string           `json:"responseType"`
		Status        string           `json:"status"`
		ImportOptions dvsImportOptions `json:"importOptions"`
		ImportCount   dvsImportCount   `json:"importCount"`
		Conflicts     []dvsConflict    `json:"conflicts"`
	}
	dvsImportOptions struct {
		IDSchemes      dvsIDSchemes `json:"idSchemes"`
		DryRun         bool         `json:"dryRun"`
		Async          bool         `json:"async"`
		ImportStrategy string       `json:"importStrategy"`
	}
	dvsIDSchemes struct {
		IDScheme            string `json:"idScheme"`
		DataElementIDScheme string `json:"dataElementIdScheme"`
		OrgUnitIDScheme     string `json:"orgUnitIdScheme"`
	}
	dvsImportCount struct {
		Imported int `json:"imported"`
		Updated  int `json:"updated"`
		Ignored  int `json:"ignored"`
		Deleted  int `json:"deleted"`
	}
	// dvsConflict is a conflict as DHIS2 writes it — object, property,
	// value (the message, here in the language of Accept-Language),
	// errorCode, indexes — with jiceng's issue code beside, in code.
	dvsConflict struct {
		Object    string `json:"object"`
		Property  string `json:"property,omitempty"`
		Value     string `json:"value"`
		ErrorCode string `json:"errorCode,omitempty"`
		Indexes   []int  `json:"indexes,omitempty"`
		Code      string `json:"code"`
	}
)

// add adds c to n.
func (n *dvsImportCount) add(c dvsImportCount) {
	n.Imported += c.Imported
	n.Updated += c.Updated
	n.Ignored += c.Ignored
	n.Deleted += c.Deleted
}

// changed returns the values imported, updated or deleted.
func (n dvsImportCount) changed() int { return n.Imported + n.Updated + n.Deleted }

// dvsErrorCodes are DHIS2's error codes (ErrorCode.java, "Data import
// validation") of the intake's own refusals of a monthly report.
var dvsErrorCodes = map[string]string{
	codeForbidden:     "E7617", // organisation unit not in the hierarchy of the user
	codePeriodLocked:  "E7640", // past the expiry days of the period
	"approval.locked": "E7642", // data already approved
	"record.future":   "E7641", // period after the latest open future period
}

// A dvsImport is one POST /api/dataValueSets as it goes: the document
// read, and for each monthly report to validate, in the order given to
// the validator, what storing it does to its values.
type dvsImport struct {
	strategy string
	options  dvsImportOptions
	imp      *dhis2.Import
	// reports are the reports validated, by index; counts the values
	// counted before validation (conflicts of the library, values outside
	// the token's division, reports that need no change).
	reports   []dvsReport
	counts    dvsImportCount
	conflicts []dvsConflict
	// deletes are the ids of the reports to delete whole.
	deletes map[string]bool
}

// A dvsReport is one monthly report validated: what storing it does to
// its values.
type dvsReport struct {
	id       string
	division healthedu.DivisionCode
	period   healthedu.Period
	count    dvsImportCount
}

// postDataValueSets takes a DHIS2 dataValueSets document (导入数据值集),
// JSON or CSV, as DHIS2's POST /api/dataValueSets does, with its
// parameters dryRun, importStrategy, idScheme, dataElementIdScheme,
// orgUnitIdScheme and async (false only).
//
// The document is read through the platform's mapping
// (dhis2.Mapping.ReadDataValueSet) into monthly reports, one per
// organisation unit and month, each merged value by value into the report
// the token stored before for that unit and month ("dhis2-" and the
// division and month) as the import strategy says (see the strategies).
// The reports then take the path of /v1/submissions (acceptRecords): the
// token's division, the period locks, data approval, Idempotency-Key and
// dryRun are the intake's own. A value outside the token's division is a
// conflict (E7617), not a 403, as in DHIS2.
//
// The answer is DHIS2's import summary in its WebMessage (see
// dvsWebMessage). Its counts are of data values, as DHIS2 counts them, not
// of reports: a value new to the stored report is imported, one that
// changes it updated, one deleted deleted, and one ignored when it
// changes nothing (the same value again, CREATE of a value stored,
// UPDATE or DELETE of one not stored), when it is a conflict, when a
// report is refused (a lock, approval: a conflict for the report, all its
// values ignored), or when the document gives the same value twice (the
// last counts). They add up to the values of the document. A dry run
// counts the same and stores nothing.
func (s *server) postDataValueSets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if v := q.Get("async"); v != "" {
		async, err := strconv.ParseBool(v)
		if err != nil || async {
			badRequest(w, r, codeDVSAsync, map[string]any{"value": v})
			return
		}
	}
	strategy, ok := importStrategy(q.Get("importStrategy"))
	if !ok {
		badRequest(w, r, codeDVSStrategy, map[string]any{"value": q.Get("importStrategy")})
		return
	}
	m, err := s.mapping()
	if err != nil {
		s.internalError(w, r, "building the DHIS2 mapping", err)
		return
	}
	sc := m.Schemes()
	d := &dvsImport{strategy: strategy, deletes: make(map[string]bool), options: dvsImportOptions{
		ImportStrategy: strategy,
		IDSchemes:      dvsIDSchemes{sc.ID.String(), sc.DataElement.String(), sc.OrgUnit.String()},
	}}
	f := &intakeForm{contentType: dataValueSetType, mediaType: httpapi.MediaJSON}
	merging := false
	defer func() {
		if merging {
			s.merging.Unlock()
		}
	}()
	f.records = func(w http.ResponseWriter, r *http.Request, raw []byte, _ healthedu.Encoding, p *principal) ([]byte, healthedu.Encoding, bool) {
		// From the read of the stored reports to the commit (see
		// server.merging): the body is read by then.
		s.merging.Lock()
		merging = true
		return s.dataValueSetRecords(w, r, raw, m, d, f, p)
	}
	f.deleted = func(kind healthedu.Kind, id string) bool { return kind == healthedu.KindMonthlyReport && d.deletes[id] }
	f.answer = func(r *http.Request, sub *submission, dryRun bool, lang language.Tag) (int, []byte) {
		return d.answer(sub, dryRun, lang)
	}
	s.acceptRecords(w, r, s.cfg.MaxBody, f)
}

// importStrategy returns the import strategy v names, in any case, and
// CREATE_AND_UPDATE for "".
func importStrategy(v string) (string, bool) {
	switch s := strings.ToUpper(strings.TrimSpace(v)); s {
	case "":
		return strategyCreateAndUpdate, true
	case strategyCreateAndUpdate, strategyCreate, strategyUpdate, strategyDelete:
		return s, true
	default:
		return "", false
	}
}

// dataValueSetRecords reads the document raw through m and returns the
// monthly reports to validate and store, as NDJSON (a recordsOfBody). When
// there is none — every value a conflict, outside the token's division or
// changing nothing — it answers r with the import summary itself.
func (s *server) dataValueSetRecords(w http.ResponseWriter, r *http.Request, raw []byte, m *dhis2.Mapping, d *dvsImport, f *intakeForm, p *principal) ([]byte, healthedu.Encoding, bool) {
	q := r.URL.Query()
	format := dhis2.JSON
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		format = dhis2.CSV
	}
	imp, err := m.ReadDataValueSet(bytes.NewReader(raw), format, dhis2.ReadOptions{
		IDScheme: q.Get("idScheme"), DataElementIDScheme: q.Get("dataElementIdScheme"), OrgUnitIDScheme: q.Get("orgUnitIdScheme"),
		MaxBytes: s.cfg.MaxBody,
	})
	var ie *healthedu.IssuesError
	switch {
	case errors.As(err, &ie) && len(ie.Issues) > 0:
		writeIssueProblem(w, r, http.StatusBadRequest, ie.Issues[0])
		return nil, 0, false
	case err != nil:
		s.internalError(w, r, "reading a dataValueSets document", err)
		return nil, 0, false
	}
	d.imp = imp
	if imp.DryRun != nil {
		f.dryRun = imp.DryRun
	}
	if imp.ImportStrategy != "" {
		st, ok := importStrategy(imp.ImportStrategy)
		if !ok {
			badRequest(w, r, codeDVSStrategy, map[string]any{"value": imp.ImportStrategy})
			return nil, 0, false
		}
		d.strategy, d.options.ImportStrategy = st, st
	}
	lang := httpapi.Language(r)
	for _, c := range imp.Conflicts {
		d.counts.Ignored++
		d.conflicts = append(d.conflicts, dvsConflict{Object: c.Object, Property: c.Property, Value: redactLoose(c.Issue.Message(lang)),
			ErrorCode: c.ErrorCode, Indexes: []int{c.Index}, Code: c.Issue.Code})
	}
	inReports := 0
	for _, rep := range imp.Reports {
		inReports += len(rep.Values)
	}
	d.counts.Ignored += imp.Values - len(imp.Conflicts) - inReports // given twice: the last counts

	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	now := s.cfg.Now()
	for _, rep := range imp.Reports {
		if !p.Division.Contains(rep.Division) {
			d.counts.Ignored += len(rep.Values)
			is := healthedu.NewIssue(codeForbidden, "", map[string]any{"division": rep.Division.Short(), "scope": p.Division.Short()})
			d.conflicts = append(d.conflicts, dvsConflict{Object: rep.Division.String(), Property: "orgUnit", Value: is.Message(lang),
				ErrorCode: dvsErrorCodes[codeForbidden], Code: codeForbidden})
			continue
		}
		old, err := s.storedReport(r.Context(), p.Division, rep.ID)
		if err != nil {
			s.storageError(w, r, "reading a stored monthly report", err)
			return nil, 0, false
		}
		merged, count, del := mergeReport(old, rep, d.strategy, now)
		if merged == nil {
			d.counts.add(count)
			continue
		}
		if del {
			d.deletes[rep.ID] = true
		}
		d.reports = append(d.reports, dvsReport{id: rep.ID, division: rep.Division, period: rep.Period, count: count})
		if err := enc.Encode(merged); err != nil {
			s.internalError(w, r, "encoding a monthly report", err)
			return nil, 0, false
		}
	}
	if len(d.reports) == 0 {
		s.answerUnstored(w, r, raw, d, f, p, lang)
		return nil, 0, false
	}
	return out.Bytes(), healthedu.UTF8, true
}

// storedReport returns the monthly report of id that submitter stored,
// nil when there is none.
func (s *server) storedReport(ctx context.Context, submitter healthedu.DivisionCode, id string) (*healthedu.MonthlyReport, error) {
	var found *healthedu.MonthlyReport
	err := s.store.RecordsWithID(ctx, healthedu.KindMonthlyReport, id, func(sr *storedRecord) error {
		if sr.Err != nil || sr.Submitter != submitter {
			return nil
		}
		rec, err := decodeStored(sr)
		if err != nil {
			return nil // unreadable: replaced
		}
		if mr, ok := rec.(*healthedu.MonthlyReport); ok {
			found = mr
		}
		return nil
	})
	return found, err
}

// mergeReport merges the values of the report read, in, into the report
// stored, old (nil when none), as strategy says, and returns the report to
// validate and store, what it does to each value of in, and whether the
// report is to be deleted whole (DELETE of every value stored: the report
// returned is then old, validated as it is, so that the locks and
// approval judge the deletion). It returns a nil report when nothing is to
// be stored. The report keeps old's time of submission unless in gives
// one (its document's completeDate); a new report without one is
// submitted at now.
func mergeReport(old, in *healthedu.MonthlyReport, strategy string, now time.Time) (*healthedu.MonthlyReport, dvsImportCount, bool) {
	var n dvsImportCount
	values := make(map[string]healthedu.Decimal)
	if old != nil {
		for _, v := range old.Values {
			values[v.Element] = v.Value
		}
	}
	for _, v := range in.Values {
		prev, stored := values[v.Element]
		switch {
		case strategy == strategyDelete && stored:
			delete(values, v.Element)
			n.Deleted++
		case strategy == strategyDelete, strategy == strategyUpdate && !stored, strategy == strategyCreate && stored, stored && prev.Cmp(v.Value) == 0:
			n.Ignored++
		case stored:
			values[v.Element] = v.Value
			n.Updated++
		default:
			values[v.Element] = v.Value
			n.Imported++
		}
	}
	if n.changed() == 0 {
		return nil, n, false
	}
	if len(values) == 0 { // DELETE of every value stored
		return old, n, true
	}
	out := &healthedu.MonthlyReport{Header: in.Header, Division: in.Division, Period: in.Period, SubmittedAt: in.SubmittedAt}
	if out.SubmittedAt.IsZero() {
		out.SubmittedAt = now
		if old != nil {
			out.SubmittedAt = old.SubmittedAt
		}
	}
	for _, e := range slices.Sorted(maps.Keys(values)) {
		out.Values = append(out.Values, healthedu.DataValue{Element: e, Value: values[e]})
	}
	return out, n, false
}

// answerUnstored answers an import that has nothing to store with its
// summary — or, when the request repeats an Idempotency-Key, with the
// answer saved for it, as acceptRecords would.
func (s *server) answerUnstored(w http.ResponseWriter, r *http.Request, raw []byte, d *dvsImport, f *intakeForm, p *principal, lang language.Tag) {
	dryRun := r.URL.Query().Get("dryRun") == "true"
	if f.dryRun != nil {
		dryRun = *f.dryRun
	}
	if vs := r.Header["Idempotency-Key"]; len(vs) == 1 && !dryRun {
		tx, err := s.store.Begin(r.Context())
		if err != nil {
			s.storageError(w, r, "beginning a transaction", err)
			return
		}
		a, ok, err := tx.Answer(r.Context(), p.hash, s.idempotencyKey(vs[0]))
		tx.Rollback()
		if err != nil {
			s.storageError(w, r, "reading an answer", err)
			return
		}
		if ok {
			sum := sha256.Sum256(raw)
			s.replay(w, r, a, hex.EncodeToString(sum[:]), f.mediaType)
			return
		}
	}
	status, body := d.answer(nil, dryRun, lang)
	writeBody(w, status, httpapi.MediaJSON, lang, body)
}

// answer returns the answer to the import d once sub, nil when nothing was
// validated, is stored (or counted, in a dry run).
func (d *dvsImport) answer(sub *submission, dryRun bool, lang language.Tag) (int, []byte) {
	n := d.counts
	conflicts := slices.Clone(d.conflicts)
	rejected := make(map[int]bool)
	if sub != nil {
		for _, i := range sub.summary.RejectedIndexes {
			rejected[i] = true
		}
		for _, is := range sub.summary.Issues {
			if is.Severity != healthedu.SeverityError || is.Index >= len(d.reports) {
				continue
			}
			rep := d.reports[is.Index]
			c := dvsConflict{Object: rep.division.String(), Property: "orgUnit", Value: is.Message, ErrorCode: dvsErrorCodes[is.Code], Code: is.Code}
			if is.Code == codePeriodLocked || is.Code == "record.future" {
				c.Object, c.Property = rep.period.String(), "period"
			}
			if c.ErrorCode == "" {
				c.ErrorCode = "E7619" // the value does not meet the element's constraints
			}
			conflicts = append(conflicts, c)
		}
	}
	for i, rep := range d.reports {
		if rejected[i] {
			n.Ignored += rep.count.Imported + rep.count.Updated + rep.count.Deleted + rep.count.Ignored
			continue
		}
		n.add(rep.count)
	}
	sm := dvsImportSummary{ResponseType: "ImportSummary", ImportOptions: d.options, ImportCount: n, Conflicts: conflicts}
	sm.ImportOptions.DryRun = dryRun
	if sm.Conflicts == nil {
		sm.Conflicts = []dvsConflict{}
	}
	msg := dvsWebMessage{HTTPStatus: "OK", HTTPStatusCode: http.StatusOK, Status: "OK"}
	switch {
	case len(conflicts) == 0:
		sm.Status = "SUCCESS"
		msg.Message = healthedu.NewIssue(codeDVSSuccess, "", nil).Message(lang)
	case n.changed() > 0:
		sm.Status, msg.Status = "WARNING", "WARNING"
		msg.Message = healthedu.NewIssue(codeDVSWarning, "", nil).Message(lang)
	default:
		sm.Status, msg.Status = "ERROR", "ERROR"
		msg.Message = healthedu.NewIssue(codeDVSError, "", nil).Message(lang)
	}
	if sm.Status != "SUCCESS" {
		msg.HTTPStatus, msg.HTTPStatusCode = "Conflict", http.StatusConflict
	}
	msg.Response = sm
	b, err := httpapi.Marshal(msg)
	if err != nil { // cannot happen: plain data
		b, _ = httpapi.Marshal(newProblem(http.StatusInternalServerError, codeInternal, lang, nil))
		return http.StatusInternalServerError, b
	}
	return msg.HTTPStatusCode, b
}

// getDataValueSets exports the figures within a division as a DHIS2
// dataValueSets document (导出数据值集), as DHIS2's GET /api/dataValueSets
// does, under the platform's mapping: ?orgUnit=CODE&period=P, with
// children=true for the divisions within orgUnit at level (jiceng's
// parameter; county by default) rather than orgUnit itself. The values are
// the monthly values of exportValues for each due month of P.
func (s *server) getDataValueSets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := principalOf(r.Context())
	scope := scopeOf(p)
	v := q.Get("orgUnit")
	if v == "" {
		badRequest(w, r, codeUnderRequired, nil)
		return
	}
	org, err := healthedu.ParseDivisionCode(v)
	if err != nil {
		paramError(w, r, "orgUnit", err)
		return
	}
	if !within(scope, org) {
		writeProblem(w, r, http.StatusForbidden, codeForbidden, map[string]any{"division": org.Short(), "scope": scope.Short()})
		return
	}
	period, ok := periodParam(w, r)
	if !ok {
		return
	}
	level := org.Level()
	if c := q.Get("children"); c != "" {
		children, err := strconv.ParseBool(c)
		if err != nil {
			paramError(w, r, "children", err)
			return
		}
		if children {
			level = healthedu.LevelCounty
		}
	}
	if lv := q.Get("level"); lv != "" {
		if err := level.UnmarshalText([]byte(lv)); err != nil {
			paramError(w, r, "level", err)
			return
		}
	}
	if level < org.Level() {
		badRequest(w, r, codeLevelAbove, map[string]any{"level": level.String(), "under": org.Short(), "underLevel": org.Level().String()})
		return
	}
	if level > s.cfg.ReportingLevel && s.cfg.Reporters == nil {
		badRequest(w, r, codeDVSLevel, map[string]any{"level": level.String(), "reportingLevel": s.cfg.ReportingLevel.String()})
		return
	}
	m, err := s.mapping()
	if err != nil {
		s.internalError(w, r, "building the DHIS2 mapping", err)
		return
	}
	now := s.cfg.Now()
	st, err := s.figures.storeFor(r.Context(), org, period, now)
	if err != nil {
		s.internalError(w, r, "computing the figures", err)
		return
	}
	values := exportValues(st, s.cat, s.figures.unitOf, org, level, s.dueMonths(period, now))
	var b bytes.Buffer
	var unmapped *dhis2.UnmappedError
	if err := m.WriteDataValueSet(&b, slices.Values(values)); err != nil && !errors.As(err, &unmapped) {
		s.internalError(w, r, "writing a dataValueSets document", err)
		return
	}
	writeBody(w, http.StatusOK, httpapi.MediaJSON, httpapi.Language(r), b.Bytes())
}

// dueMonths returns the months of p whose reports are due at now.
func (s *server) dueMonths(p healthedu.Period, now time.Time) []healthedu.Period {
	var ms []healthedu.Period
	for m := range p.Sub(healthedu.PeriodMonth) {
		if !indicators.ReportDeadline(m, s.cfg.DeadlineDay).After(now) {
			ms = append(ms, m)
		}
	}
	return ms
}

// exportValues returns the monthly values of the elements of monthly
// reports within org for the months ms (the due months of a period P), at
// the divisions of level within org, made so that a platform whose
// reporting units are those divisions computes from them, for P, the
// figures that st computes for them and every division above — value for
// value, numerator, denominator and value.
//
// A figure of st is made per reporting unit (a township, unitOf) and then
// summed; the platform above makes it per exported division instead. So,
// for each exported division and month, each element is summed over the
// reporting units within it that st counts for P:
//
//   - a flow every monthly report carries (lectures): over the units that
//     have a value for every month of ms, since st leaves a unit that lacks
//     one month out of P's flows (MissingSkip); none at all when no unit
//     has;
//   - another flow (satisfaction-surveyed): over every unit, as st sums
//     whatever months it has;
//   - a stock (children-0-6): over every unit, each with its latest value
//     in ms up to the month (carried forward within P), so that at P's
//     last month the division holds the sum of each unit's latest value,
//     which is what st takes for each unit;
//   - a stock that an indicator of cat divides by a flow of monthly
//     reports, or multiplies with one (health-centres, beside lectures in
//     lectures-per-institution), over the units of the flows, whose stock
//     st takes from P's last month.
//
// What remains inexact is named in nation_test.go: a stock used both
// beside a flow and alone; a unit whose report leaves out some elements
// (its stocks are then aligned per indicator by st, per element here);
// the values are for P, not for its parts (a month within P carries stocks
// forward that st would not); and what monthly reports do not carry —
// records (activities, bindings, the register), completeness and
// timeliness — is not exported.
func exportValues(st *indicators.Store, cat *indicators.Catalogue, unitOf func(healthedu.DivisionCode) (healthedu.DivisionCode, bool),
	org healthedu.DivisionCode, level healthedu.DivisionLevel, ms []healthedu.Period) []indicators.DataValue {
	if len(ms) == 0 {
		return nil
	}
	elements := healthedu.DefaultElements()
	paired := pairedStocks(cat, elements)
	month := make(map[healthedu.Period]int, len(ms))
	for i, m := range ms {
		month[m] = i
	}
	// cells[element][unit][month index] = value, present
	type series struct {
		v   []int64
		has []bool
	}
	cells := make(map[string]map[healthedu.DivisionCode]*series)
	for dv := range st.Values() {
		e, ok := elements.Lookup(dv.Element)
		if !ok || dv.Category != "" || e.ValueType != healthedu.ValueCount || !org.Contains(dv.Division) {
			continue
		}
		i, ok := month[dv.Period]
		if !ok {
			continue
		}
		unit, ok := unitOf(dv.Division)
		if !ok || unit.Level() < level {
			continue
		}
		if cells[dv.Element] == nil {
			cells[dv.Element] = make(map[healthedu.DivisionCode]*series)
		}
		sr := cells[dv.Element][unit]
		if sr == nil {
			sr = &series{v: make([]int64, len(ms)), has: make([]bool, len(ms))}
			cells[dv.Element][unit] = sr
		}
		sr.v[i] += dv.Value
		sr.has[i] = true
	}
	// full[unit]: the unit has a value of every flow every report carries
	// in every month.
	full := make(map[healthedu.DivisionCode]bool)
	for code, units := range cells {
		e, _ := elements.Lookup(code)
		if e.Aggregation != healthedu.AggregateSum || !e.ExpectedInMonthlyReport {
			continue
		}
		for u, sr := range units {
			if _, seen := full[u]; !seen {
				full[u] = true
			}
			full[u] = full[u] && !slices.Contains(sr.has, false)
		}
	}
	type key struct {
		element string
		div     healthedu.DivisionCode
		month   int
	}
	sums := make(map[key]int64)
	for code, units := range cells {
		e, _ := elements.Lookup(code)
		stock := e.Aggregation != healthedu.AggregateSum
		needFull := e.ExpectedInMonthlyReport && (!stock || paired[code])
		for u, sr := range units {
			if needFull && !full[u] {
				continue
			}
			d := u.Truncate(level)
			last := -1
			for i := range ms {
				switch {
				case sr.has[i]:
					last = i
				case !stock || needFull:
					continue
				}
				if last < 0 {
					continue
				}
				sums[key{code, d, i}] += sr.v[last]
			}
		}
	}
	out := make([]indicators.DataValue, 0, len(sums))
	for k, v := range sums {
		out = append(out, indicators.DataValue{Element: k.element, Division: k.div, Period: ms[k.month], Value: v})
	}
	slices.SortFunc(out, func(a, b indicators.DataValue) int {
		if c := strings.Compare(a.Element, b.Element); c != 0 {
			return c
		}
		if c := a.Division.Compare(b.Division); c != 0 {
			return c
		}
		return a.Period.Compare(b.Period)
	})
	return out
}

// pairedStocks returns the stocks of monthly reports that an indicator of
// cat combines with a flow every monthly report carries (see exportValues).
func pairedStocks(cat *indicators.Catalogue, elements *healthedu.ElementCatalog) map[string]bool {
	paired := make(map[string]bool)
	for _, ind := range cat.Indicators() {
		var stocks []string
		flow := false
		for _, t := range append(ind.Numerator().Terms(), ind.Denominator().Terms()...) {
			code := t.Element
			e, ok := elements.Lookup(code)
			switch {
			case !ok:
			case e.Aggregation == healthedu.AggregateSum && e.ExpectedInMonthlyReport:
				flow = true
			case e.Aggregation != healthedu.AggregateSum:
				stocks = append(stocks, code)
			}
		}
		if flow {
			for _, c := range stocks {
				paired[c] = true
			}
		}
	}
	return paired
}
