package dashboard

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// The rectification ledger (整改台账) on the dashboard: the page
// "/rectifications?under=…", printable, with the items of a division
// grouped by status and the overdue ones marked; the panel of the start
// page, with the counts of items not verified and overdue and the most
// overdue ones; and the last section of the monthly notification, the
// items it proposes. All of it comes from GET /v1/rectifications and GET
// /v1/reports/monthly.
//
// Hooks for tests: data-page="ledger" on <main>; #ledger-summary with
// .open and .overdue; a section.ledger-group per status (data-status)
// whose table rows tr[data-id] have td.problem, td.deadline and, when
// overdue, .overdue-mark; on the start page #ledger-panel with .open,
// .overdue, li[data-id] and a.ledger-link; on the notification
// #proposed with tr[data-id] and td.stored.

// ledgerStatuses are the statuses in the order the ledger page groups
// them: what is to be done first.
var ledgerStatuses = []ledger.Status{ledger.StatusReopened, ledger.StatusOpen, ledger.StatusRectifying, ledger.StatusRectified, ledger.StatusVerified}

// ledgerPanelItems is the number of overdue items the start page lists.
const ledgerPanelItems = 5

// A ledgerLine is a rectification item, ready to show.
type ledgerLine struct {
	ID           string
	Division     string
	DivisionName string
	Problem      string
	Source       string
	Owner        string
	Deadline     string // YYYY-MM-DD, for <time>
	DeadlineText string
	Overdue      bool
	OverdueText  string // "逾期12天"
	Status       string
	StatusName   string
	Opened       string
}

// A ledgerGroup is the items of one status.
type ledgerGroup struct {
	Status  string
	Heading string
	Items   []ledgerLine
}

// ledgerPage is "/rectifications".
type ledgerPage struct {
	frame
	Heading     string
	Under       wire.Division
	AsOf        string
	AsOfText    string
	OpenText    string
	OverdueText string
	Open        int
	Overdue     int
	Groups      []ledgerGroup
	Empty       string // said when there is no item
	BackURL     string
}

// A ledgerPanel is the ledger's panel of the start page.
type ledgerPanel struct {
	Heading     string
	OpenText    string
	OverdueText string
	Open        int
	Overdue     int
	Items       []ledgerLine // the most overdue first
	Notice      string       // when the API could not be read
	Colon       string
	URL         string
	LinkText    string
}

// ledgerURL links to the ledger page of division c in language l.
func ledgerURL(c healthedu.DivisionCode, l uiLang) string {
	return "rectifications?" + url.Values{"under": {c.String()}, "lang": {l.String()}}.Encode()
}

// line makes item ready to show in language l.
func (l uiLang) ledgerLine(it wire.Rectification) ledgerLine {
	ln := ledgerLine{
		ID:           it.ID,
		Division:     it.Division.String(),
		DivisionName: cmp.Or(it.DivisionName, it.Division.String()),
		Problem:      it.Problem,
		Source:       it.SourceName,
		Owner:        ownerText(it.Owner, l),
		Deadline:     it.Deadline.String(),
		DeadlineText: l.dateName(it.Deadline.String()),
		Overdue:      it.Overdue,
		Status:       string(it.Status),
		StatusName:   cmp.Or(it.StatusName, string(it.Status)),
	}
	if p := it.Source.Period; p.IsValid() {
		ln.Source += " " + l.periodName(p)
	} else if d := it.Source.Date; d.IsValid() {
		ln.Source += " " + l.dateName(d.String())
	}
	if !it.Opened.IsZero() {
		ln.Opened = l.dateName(healthedu.DateOf(it.Opened).String())
	}
	if it.Overdue {
		ln.OverdueText = l.sprintf("ledgerDaysOverdue", it.DaysOverdue)
	}
	return ln
}

// ownerText writes an owner: the institution's name, else its credit
// code, else its role, the reporting unit's in words.
func ownerText(o ledger.Owner, l uiLang) string {
	switch {
	case o.Name != "":
		return o.Name
	case o.CreditCode.IsValid():
		return o.CreditCode.String()
	case o.Role == ledger.RoleReportingUnit:
		return l.T()["ledgerReportingUnit"]
	}
	return o.Role
}

// ledgerState reads the division of the ledger page: the parameter under
// (or division, as on the other pages), else the default.
func (d *dashboard) ledgerState(q url.Values, lang uiLang) (pageState, *paramError) {
	s := pageState{Division: d.opts.Default, Period: d.opts.DefaultPeriod, Lang: lang}
	name := "under"
	v := q.Get(name)
	if v == "" {
		name, v = "division", q.Get("division")
	}
	if v != "" {
		c, err := healthedu.ParseDivisionCode(v)
		if err != nil {
			return s, &paramError{Param: name, Err: err}
		}
		s.Division = c
	}
	if !s.Division.IsValid() {
		return s, &paramError{Param: "under", Key: "errorNoDivision"}
	}
	return s, nil
}

// serveLedger serves "/rectifications".
func (d *dashboard) serveLedger(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	s, perr := d.ledgerState(r.URL.Query(), lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	var a wire.Rectifications
	if err := d.api.get(ctx, r, lang, "/v1/rectifications", url.Values{"under": {s.Division.String()}}, &a); err != nil {
		d.renderAPIError(w, r, lang, err)
		return
	}
	p := ledgerPage{
		Under:    a.Under,
		AsOf:     a.AsOf.Format(time.RFC3339Nano),
		AsOfText: lang.timeName(a.AsOf.Format(time.RFC3339Nano)),
		Open:     a.Summary.Open,
		Overdue:  a.Summary.Overdue,
		BackURL:  s.indexURL(),
	}
	if p.Under.Name == "" {
		p.Under.Name = s.Division.String()
	}
	if !p.Under.Code.IsValid() {
		p.Under.Code = s.Division
	}
	p.Heading = lang.sprintf("ledgerHeading", p.Under.Name)
	p.frame = newFrame("ledger", r, lang, p.Heading)
	p.State = s
	p.OpenText = lang.sprintf("ledgerOpenCount", groupDigits(int64(a.Summary.Open)), groupDigits(int64(a.Summary.Total)))
	p.OverdueText = lang.sprintf("ledgerOverdueCount", groupDigits(int64(a.Summary.Overdue)))
	for _, st := range ledgerStatuses {
		g := ledgerGroup{Status: string(st), Heading: capitalize(st.Label(lang.Tag()))}
		for _, it := range a.Items {
			if it.Status == st {
				g.Items = append(g.Items, lang.ledgerLine(it))
			}
		}
		if len(g.Items) > 0 {
			// Overdue first, the most overdue first; then by deadline.
			slices.SortStableFunc(g.Items, func(x, y ledgerLine) int {
				if x.Overdue != y.Overdue {
					if x.Overdue {
						return -1
					}
					return 1
				}
				return cmp.Compare(x.Deadline, y.Deadline)
			})
			g.Heading += lang.paren(strconv.Itoa(len(g.Items)))
			p.Groups = append(p.Groups, g)
		}
	}
	if len(a.Items) == 0 {
		p.Empty = lang.T()["ledgerNone"]
	}
	d.render(w, r, http.StatusOK, "ledger", p)
}

// ledgerPanel returns the ledger's panel of the start page of s: a failure
// of the API leaves a notice in it, not a broken page.
func (d *dashboard) ledgerPanel(ctx context.Context, r *http.Request, lang uiLang, s pageState) *ledgerPanel {
	p := &ledgerPanel{
		Heading:  lang.T()["ledgerPanel"],
		URL:      ledgerURL(s.Division, lang),
		LinkText: lang.T()["ledgerLink"],
		Colon:    lang.colon(),
	}
	var a wire.Rectifications
	q := url.Values{"under": {s.Division.String()}, "overdue": {"true"}}
	if err := d.api.get(ctx, r, lang, "/v1/rectifications", q, &a); err != nil {
		d.logAPIFailure(r, err)
		p.Notice = lang.T()["ledgerUnavailable"]
		return p
	}
	p.Open, p.Overdue = a.Summary.Open, a.Summary.Overdue
	p.OpenText = lang.sprintf("ledgerOpenCount", groupDigits(int64(a.Summary.Open)), groupDigits(int64(a.Summary.Total)))
	p.OverdueText = lang.sprintf("ledgerOverdueCount", groupDigits(int64(a.Summary.Overdue)))
	items := slices.Clone(a.Items)
	slices.SortStableFunc(items, func(x, y wire.Rectification) int {
		if c := cmp.Compare(y.DaysOverdue, x.DaysOverdue); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	for _, it := range items[:min(len(items), ledgerPanelItems)] {
		p.Items = append(p.Items, lang.ledgerLine(it))
	}
	return p
}

// A proposedLine is an item the monthly notification proposes.
type proposedLine struct {
	ledgerLine
	SourceType string // "monthlyNotification", "complianceCheck"
	SourceName string // "月通报", "合规核查", without the month: the notification's
	Stored     bool
	StoredText string // "已立项（整改中）" or "未立项"
}

// capitalize returns s with its first letter in upper case, for a heading
// made of a label ("reopened" → "Reopened"); Chinese is left as it is.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
