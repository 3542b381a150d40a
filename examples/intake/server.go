package main

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/examples/internal/tokens"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
)

// config is how a server is set up: the flags, and the clock.
type config struct {
	LockDays        int           // a period locks this many days after it ends; 0: never
	DeadlineDay     int           // monthly reports are on time until the end of this day of the next month
	MaxBody         int64         // largest request body, decompressed, in bytes
	MaxSubmissions  int           // submissions stored at once; more wait
	QueueTimeout    time.Duration // how long a submission waits for its turn
	ReadTimeout     time.Duration // how long a submission's body may take to arrive; 0: no limit of the handler's own
	MaxIndicators   int           // indicators a read of /v1/indicators may name; 0: defaultMaxIndicators
	MaxRows         int           // rows (divisions × indicators) an answer of /v1/indicators may hold, and institutions one of /v1/compliance; 0: defaultMaxRows
	Key             []byte        // the pseudonym key
	Binding         *bindingCodes // the binding codes' base and keys; nil: none (see binding.go)
	PublicReads     bool          // reads and the metrics need no token (-demo)
	MetricsOpen     bool          // the metrics need no token (-metrics-open)
	DefaultDivision healthedu.DivisionCode
	DefaultPeriod   healthedu.Period
	Now             func() time.Time

	// Earliest is the earliest instant a record's times may hold
	// (-earliest); zero means healthedu.DefaultEarliest, 2000-01-01.
	Earliest time.Time

	// ReportingLevel is the level of the divisions of the registry from
	// which monthly reports are expected (填报层级, -reporting-level); zero
	// means indicators.DefaultReportingLevel, every township.
	ReportingLevel healthedu.DivisionLevel
	// Reporters, when not nil, are exactly the divisions from which monthly
	// reports are expected (应报单位名单, -reporters), instead of those at
	// ReportingLevel.
	Reporters []healthedu.DivisionCode

	// Boundaries are the boundaries of divisions the dashboard's map draws
	// (-boundaries, or the demo's synthetic ones); nil means none.
	Boundaries *boundarySet

	// DHIS2 is the mapping of /api/dataValueSets (-dhis2-mapping); nil
	// means the identity mapping (see identityMapping).
	DHIS2 *dhis2.Mapping
}

// The defaults of the limits of a read of /v1/indicators (-max-indicators
// and -max-rows): more than the catalogue's indicators, and the townships
// of a large province with a dozen indicators (Shandong has about 1,800
// townships); an answer of 20,000 rows is about 12 MB.
const (
	defaultMaxIndicators = 50
	defaultMaxRows       = 20000
)

// A server is the intake platform's HTTP API (省级报送平台接口).
type server struct {
	cfg     config
	store   store
	tokens  *tokenTable
	reg     *healthedu.Registry
	cat     *indicators.Catalogue
	log     *slog.Logger
	metrics *metrics
	figures *figures
	slots   chan struct{}
	mux     *http.ServeMux

	// merging is held by an import that merges values into the monthly
	// reports stored (POST /api/dataValueSets) from its read of them to
	// its commit, so that of two imports into the same report neither
	// starts from the report as it was before the other: no value stored
	// is lost.
	merging sync.Mutex
}

// A route is one operation of the API: its method and path pattern, who
// may call it, and its handler. Every route is described in openapi.json
// (a test checks it).
type route struct {
	method, path string
	access       access
	handle       http.HandlerFunc
}

// access says which requests a route serves.
type access uint8

const (
	accessOpen    access = iota // anyone
	accessRead                  // any token, or anyone on a platform open to reads
	accessSubmit                // a submitter's or an administrator's token
	accessAdmin                 // an administrator's token
	accessMetrics               // any token, or anyone when the metrics are open (-metrics-open, -demo)
	accessApprove               // a submitter's, an approver's or an administrator's token
)

// newServer returns the server of cfg on st, with the tokens t. It does
// not start anything.
func newServer(cfg config, st store, t *tokenTable, log *slog.Logger) *server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxSubmissions < 1 {
		cfg.MaxSubmissions = 1
	}
	if cfg.QueueTimeout <= 0 {
		cfg.QueueTimeout = 30 * time.Second
	}
	if cfg.MaxIndicators <= 0 {
		cfg.MaxIndicators = defaultMaxIndicators
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = defaultMaxRows
	}
	if cfg.DeadlineDay < 1 {
		cfg.DeadlineDay = indicators.DefaultDeadlineDay
	}
	if cfg.ReportingLevel == 0 {
		cfg.ReportingLevel = indicators.DefaultReportingLevel
	}
	if t == nil {
		t = &tokenTable{}
	}
	s := &server{
		cfg:     cfg,
		store:   st,
		tokens:  t,
		reg:     healthedu.DefaultRegistry(),
		cat:     indicators.DefaultCatalogue(),
		log:     log,
		metrics: &metrics{},
		slots:   make(chan struct{}, cfg.MaxSubmissions),
		mux:     http.NewServeMux(),
	}
	s.figures = &figures{store: st, reg: s.reg, cat: s.cat, deadlineDay: cfg.DeadlineDay, log: log, metrics: s.metrics,
		reporters: indicators.Reporters{Level: cfg.ReportingLevel, Registry: s.reg, List: cfg.Reporters}}
	methods := make(map[string][]string)
	for _, rt := range s.routes() {
		s.mux.Handle(rt.method+" "+rt.path, s.instrument(rt.method+" "+rt.path, rt.access, rt.handle))
		methods[rt.path] = append(methods[rt.path], rt.method)
	}
	for path, ms := range methods {
		allow := httpapi.Allow(ms...)
		s.mux.Handle(path, s.instrument("unmatched", accessOpen, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeProblem(w, r, http.StatusMethodNotAllowed, codeMethod, map[string]any{"method": r.Method, "allow": allow})
		}))
	}
	notFound := s.instrument("unmatched", accessOpen, func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusNotFound, codeNotFound, nil)
	})
	s.mux.Handle("/v1/", notFound)
	s.mux.Handle("/", notFound)
	return s
}

// mountDashboard serves h at / and every path the API does not take.
func (s *server) mountDashboard(h http.Handler) {
	old := s.mux
	s.mux = http.NewServeMux()
	s.mux.Handle("/", h)
	for _, p := range []string{"/v1/", "/api/", "/b", "/fhir/", "/openapi.json", "/healthz", "/metrics"} {
		s.mux.Handle(p, old)
	}
}

// routes returns the operations of the API.
func (s *server) routes() []route {
	return []route{
		{"POST", "/v1/submissions", accessSubmit, s.submit},
		{"GET", "/v1/divisions", accessRead, s.divisions},
		{"GET", "/v1/divisions/search", accessRead, s.divisionSearch},
		{"GET", "/v1/boundaries", accessRead, s.boundaries},
		{"GET", "/v1/indicators", accessRead, s.indicators},
		{"GET", "/v1/reports/monthly", accessRead, s.monthlyReport},
		{"GET", "/v1/compliance", accessRead, s.complianceReport},
		{"GET", "/v1/rectifications", accessRead, s.rectifications},
		{"GET", "/v1/reports/weekly", accessRead, s.weeklyReport},
		{"GET", "/v1/locks", accessRead, s.locks},
		{"GET", "/v1/instructors/{id}/binding-code", accessRead, s.bindingCode},
		{"GET", "/v1/instructors/{id}/binding-code.png", accessRead, s.bindingCodePNG},
		{"GET", "/v1/instructors/{id}/binding-code.svg", accessRead, s.bindingCodeSVG},
		{"POST", "/v1/bindings", accessSubmit, s.bind},
		{"GET", "/b", accessOpen, s.bindingLanding},
		{"POST", "/v1/locks/unlock", accessAdmin, s.unlock},
		{"POST", "/v1/locks/relock", accessAdmin, s.relock},
		{"GET", "/v1/approvals", accessRead, s.listApprovals},
		{"POST", "/v1/approvals", accessApprove, s.postApproval},
		{"GET", "/v1/schemas", accessOpen, s.schemaList},
		{"GET", "/v1/schemas/{file}", accessOpen, s.schema},
		{"GET", "/fhir/metadata", accessOpen, s.fhirMetadata},
		{"GET", "/fhir/Measure", accessRead, s.fhirMeasures},
		{"GET", "/fhir/Measure/{id}", accessRead, s.fhirMeasure},
		{"GET", "/fhir/Measure/{id}/$evaluate-measure", accessRead, s.fhirEvaluateMeasure},
		{"GET", "/openapi.json", accessOpen, s.openAPI},
		{"GET", "/healthz", accessOpen, s.healthz},
		{"GET", "/metrics", accessMetrics, s.metricsText},
		{"POST", "/api/dataValueSets", accessSubmit, s.postDataValueSets},
		{"GET", "/api/dataValueSets", accessRead, s.getDataValueSets},
	}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// instrument wraps the handler of route: it authenticates the request as
// access wants, recovers from a panic, counts the answer and logs it.
func (s *server) instrument(route string, access access, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &httpapi.StatusWriter{ResponseWriter: w}
		var p *principal
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "route", route, "panic", v)
				if sw.Status == 0 {
					writeProblem(sw, r, http.StatusInternalServerError, codeInternal, nil)
				}
			}
			if sw.Status == 0 {
				sw.Status = http.StatusOK
			}
			s.metrics.countRequest(route, sw.Status)
			attrs := []any{"method", r.Method, "route", route, "path", redactLoose(r.URL.Path), "status", sw.Status,
				"bytes", sw.Bytes, "ms", float64(time.Since(start).Microseconds()) / 1000}
			if p != nil {
				attrs = append(attrs, "token", p.ID, "division", p.Division.String())
			}
			s.log.Info("request", attrs...)
		}()
		if access != accessOpen {
			token, _ := tokens.Bearer(r)
			p = s.tokens.lookup(token)
			open := access == accessRead && s.cfg.PublicReads ||
				access == accessMetrics && (s.cfg.PublicReads || s.cfg.MetricsOpen)
			if p == nil && !(open && token == "") {
				sw.Header().Set("WWW-Authenticate", `Bearer realm="jiceng intake"`)
				writeProblem(sw, r, http.StatusUnauthorized, codeUnauthorized, nil)
				return
			}
			switch {
			case access == accessSubmit && !p.canSubmit():
				writeProblem(sw, r, http.StatusForbidden, codeRole, map[string]any{"roles": "submitter, admin"})
				return
			case access == accessAdmin && p.Role != roleAdmin:
				writeProblem(sw, r, http.StatusForbidden, codeRole, map[string]any{"roles": "admin"})
				return
			case access == accessApprove && !p.canApprove():
				writeProblem(sw, r, http.StatusForbidden, codeRole, map[string]any{"roles": "submitter, approver, admin"})
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), principalKey{}, p))
		}
		h(sw, r)
	})
}

// scopeOf returns the division that the principal p may see: its token's,
// or for an anonymous read, the whole country.
func scopeOf(p *principal) healthedu.DivisionCode {
	if p == nil {
		return healthedu.DivisionCode{}
	}
	return p.Division
}

// within reports whether scope, the zero DivisionCode standing for the
// whole country, contains d.
func within(scope, d healthedu.DivisionCode) bool {
	return !scope.IsValid() || scope.Contains(d)
}
