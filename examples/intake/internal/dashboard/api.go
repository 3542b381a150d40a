package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// apiMaxBody bounds the size of one answer of the API that the dashboard
// reads into memory.
const apiMaxBody = 8 << 20

// An apiClient calls the platform's JSON API (see the intake's openapi.json) in process: it
// builds an ordinary GET request, serves it with the API's handler into an
// apiResponse and decodes the JSON. It depends on nothing but that contract.
type apiClient struct {
	api   http.Handler
	token string
}

// get requests path with query q from the API on behalf of the page request
// r, in language lang, and decodes a 200 answer's JSON into v. Any other
// answer becomes an *apiError.
func (c *apiClient) get(ctx context.Context, r *http.Request, lang uiLang, path string, q url.Values, v any) error {
	target := path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return &apiError{Path: target, Status: http.StatusBadGateway, Err: err}
	}
	req.RequestURI = target
	req.Host = r.Host
	req.RemoteAddr = r.RemoteAddr
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Language", lang.Tag().String())
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}

	w := &apiResponse{header: make(http.Header)}
	c.api.ServeHTTP(w, req)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.overflow {
		return &apiError{Path: target, Status: http.StatusBadGateway, Err: fmt.Errorf("answer larger than %d bytes", apiMaxBody)}
	}
	if w.status != http.StatusOK {
		e := &apiError{Path: target, Status: w.status, Lang: w.header.Get("Content-Language")}
		var p apiProblem
		if mt, _, _ := mime.ParseMediaType(w.header.Get("Content-Type")); (mt == "application/problem+json" || mt == "application/json") &&
			json.Unmarshal(w.body.Bytes(), &p) == nil {
			e.Problem = &p
		}
		return e
	}
	if err := json.Unmarshal(w.body.Bytes(), v); err != nil {
		return &apiError{Path: target, Status: http.StatusBadGateway, Err: fmt.Errorf("decoding the answer: %w", err)}
	}
	return nil
}

// apiResponse is the http.ResponseWriter into which the API writes an answer
// served in process. It keeps at most apiMaxBody bytes.
type apiResponse struct {
	header   http.Header
	status   int
	body     bytes.Buffer
	overflow bool
}

func (w *apiResponse) Header() http.Header { return w.header }

func (w *apiResponse) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *apiResponse) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	if w.body.Len()+len(p) > apiMaxBody {
		w.overflow = true
		return 0, errors.New("dashboard: API answer too large")
	}
	return w.body.Write(p)
}

// An apiError is an answer of the API other than 200, or one the dashboard
// could not read.
type apiError struct {
	Path    string      // the request, path and query
	Status  int         // the API's status, or 502 when the answer was unreadable
	Problem *apiProblem // the problem document, when the API sent one
	Lang    string      // the language of the problem, its Content-Language; "" when not said
	Err     error       // why the answer was unreadable, if it was
}

func (e *apiError) Error() string {
	s := "dashboard: GET " + e.Path + ": " + strconv.Itoa(e.Status)
	if e.Problem != nil && e.Problem.Code != "" {
		s += " " + e.Problem.Code
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *apiError) Unwrap() error { return e.Err }

// apiProblem is an RFC 9457 problem document as the API writes it, with the
// stable issue code.
type apiProblem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	Code     string `json:"code"`
}

// apiDivision is a division as GET /v1/divisions names it.
type apiDivision struct {
	Code  healthedu.DivisionCode `json:"code"`
	Name  string                 `json:"name"`
	Level string                 `json:"level"`
}

// apiDivisions is the answer of GET /v1/divisions?under=CODE. The intake
// server adds the ancestors, province first; for an API without them the
// dashboard asks for each ancestor in turn.
type apiDivisions struct {
	Division  apiDivision   `json:"division"`
	Ancestors []apiDivision `json:"ancestors"`
	Children  []apiDivision `json:"children"`
}

// apiIndicatorRow is one row of GET /v1/indicators: the JSON of an
// indicators.Result with the localized names and flag messages added. The
// numerator and the denominator are nil, and Value, Target and Gap "",
// when the API sends null (no data).
type apiIndicatorRow struct {
	Indicator      string                 `json:"indicator"`
	IndicatorName  string                 `json:"indicatorName"`
	Division       healthedu.DivisionCode `json:"division"`
	DivisionName   string                 `json:"divisionName"`
	Period         healthedu.Period       `json:"period"`
	Numerator      *int64                 `json:"numerator"`
	Denominator    *int64                 `json:"denominator"`
	Value          string                 `json:"value"`
	Reason         string                 `json:"reason"`
	Coverage       *apiCoverage           `json:"coverage"`
	Flags          []string               `json:"flags"`
	FlagIssues     []apiFlagIssue         `json:"flagIssues"`
	Target         string                 `json:"target"`
	TargetProrated bool                   `json:"targetProrated"`
	Direction      string                 `json:"direction"`
	Met            *bool                  `json:"met"`
	Gap            string                 `json:"gap"`
}

// apiCoverage says how many of the expected reporting units contributed to
// a figure; nil when the API sends none.
type apiCoverage struct {
	Reporting int64 `json:"reporting"`
	Expected  int64 `json:"expected"`
}

// partial reports whether c is a figure of part of the expected units.
func (c *apiCoverage) partial() bool { return c != nil && c.Reporting < c.Expected }

// apiFlagIssue is a flag of a value with its message in the page's
// language.
type apiFlagIssue struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiIndicators is the answer of GET /v1/indicators.
type apiIndicators struct {
	Period healthedu.Period  `json:"period"`
	Rows   []apiIndicatorRow `json:"rows"`
}

// apiMonthly is the answer of GET /v1/reports/monthly: the monthly
// notification (月通报).
type apiMonthly struct {
	Period         healthedu.Period      `json:"period"`
	Under          apiDivision           `json:"under"`
	Deadline       string                `json:"deadline"`
	ReportingLevel string                `json:"reportingLevel"`
	Divisions      []apiMonthlyRow       `json:"divisions"`
	NotReported    []apiMonthlyMissing   `json:"notReported"`
	BelowTarget    []apiMonthlyIndicator `json:"belowTarget"`

	// What the intake server adds: the instant of the figures, whether the
	// deadline has passed (nil: the API does not say, and the month is
	// taken as due), the expected reporters, the reports received early,
	// the non-reporters by county, the indicators of under and those
	// flagged.
	AsOf                string                `json:"asOf"`
	Due                 *bool                 `json:"due"`
	Reporters           int64                 `json:"reporters"`
	ReceivedEarly       *int64                `json:"receivedEarly"`
	NotReportedByCounty []apiMonthlyCounty    `json:"notReportedByCounty"`
	Indicators          []apiMonthlyIndicator `json:"indicators"`
	Flagged             []apiMonthlyIndicator `json:"flagged"`

	// The figures of under itself, which the intake server adds; nil
	// Expected means the API sent none (see monthlyTotal).
	Expected     *int64 `json:"expected"`
	Received     int64  `json:"received"`
	OnTime       int64  `json:"onTime"`
	Completeness string `json:"completeness"`
	Timeliness   string `json:"timeliness"`
}

// due reports whether the notification's month is due: its deadline has
// passed, or the API does not say.
func (m *apiMonthly) due() bool { return m.Due == nil || *m.Due }

// apiMonthlyRow is one division's line of the monthly notification.
type apiMonthlyRow struct {
	Division      healthedu.DivisionCode `json:"division"`
	Name          string                 `json:"name"`
	Reporters     int64                  `json:"reporters"`
	Expected      int64                  `json:"expected"`
	Received      int64                  `json:"received"`
	OnTime        int64                  `json:"onTime"`
	Completeness  string                 `json:"completeness"`
	Timeliness    string                 `json:"timeliness"`
	ReceivedEarly *int64                 `json:"receivedEarly"`
	Rank          int                    `json:"rank"`
}

// apiMonthlyMissing is a division that has not reported.
type apiMonthlyMissing struct {
	Division healthedu.DivisionCode `json:"division"`
	Name     string                 `json:"name"`
}

// apiMonthlyCounty is the divisions of a county that have not reported.
type apiMonthlyCounty struct {
	County    healthedu.DivisionCode `json:"county"`
	Name      string                 `json:"name"`
	Count     int64                  `json:"count"`
	Divisions []apiMonthlyMissing    `json:"divisions"`
}

// apiMonthlyIndicator is an indicator of a division in the notification:
// below its target, flagged, or one of the division's own. Value, Target,
// Gap are "" and Previous and Change nil when the API sends none.
type apiMonthlyIndicator struct {
	Division       healthedu.DivisionCode `json:"division"`
	Name           string                 `json:"name"`
	Indicator      string                 `json:"indicator"`
	IndicatorName  string                 `json:"indicatorName"`
	Value          string                 `json:"value"`
	Reason         string                 `json:"reason"`
	Target         string                 `json:"target"`
	TargetProrated bool                   `json:"targetProrated"`
	Direction      string                 `json:"direction"`
	Met            *bool                  `json:"met"`
	Gap            string                 `json:"gap"`
	Previous       *string                `json:"previous"`
	Change         *string                `json:"change"`
	Coverage       *apiCoverage           `json:"coverage"`
	Flags          []string               `json:"flags"`
	FlagIssues     []apiFlagIssue         `json:"flagIssues"`
}

// monthlyTotal returns the line for all of m's divisions together: the
// API's figures for under when it sends them, otherwise the sums of the
// counts with the rates computed from them (Σ received / Σ expected, never a
// mean of rates).
func monthlyTotal(m *apiMonthly) apiMonthlyRow {
	t := apiMonthlyRow{Division: m.Under.Code, Name: m.Under.Name}
	if m.Expected != nil {
		t.Expected, t.Received, t.OnTime = *m.Expected, m.Received, m.OnTime
		t.Completeness, t.Timeliness = m.Completeness, m.Timeliness
		return t
	}
	for _, d := range m.Divisions {
		t.Expected += d.Expected
		t.Received += d.Received
		t.OnTime += d.OnTime
	}
	t.Completeness = percentText(t.Received, t.Expected)
	t.Timeliness = percentText(t.OnTime, t.Expected)
	return t
}
