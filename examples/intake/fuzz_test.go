package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/internal/httpapi/httpapitest"
	"github.com/jiceng/jiceng/healthedu"
)

// fuzzRoutes are the requests FuzzIntakeHandler makes, by the first byte
// of its input: every operation a token can call, and a path the API does
// not serve.
var fuzzRoutes = []struct{ method, path string }{
	{"POST", "/v1/submissions"},
	{"GET", "/v1/indicators"},
	{"GET", "/v1/reports/monthly"},
	{"GET", "/v1/locks"},
	{"GET", "/v1/divisions"},
	{"POST", "/v1/locks/unlock"},
	{"POST", "/v1/locks/relock"},
	{"GET", "/metrics"},
	{"GET", "/v1/schemas"},
	{"GET", "/healthz"},
	{"DELETE", "/v1/submissions"},
	{"GET", "/v1/nothing"},
}

// fuzzTokens are the tokens FuzzIntakeHandler presents, by the second
// byte of its input.
var fuzzTokens = []string{tokenAdmin, tokenGulou, tokenReader, tokenCity}

// fuzzCase is one input of FuzzIntakeHandler.
type fuzzCase struct {
	route                             uint8 // fuzzRoutes, and fuzzTokens in the high nibble
	query                             string
	body                              []byte
	contentType, contentEncoding, key string
	acceptLanguage                    string
}

// fuzzSeeds are the inputs of issue 11 and of the faults around them: dates
// of 1899 and of year 1, slow-upload-shaped bodies, indicators= repeated,
// an unlock until 9999, XML and multipart bodies, and citizen ID numbers
// wrapped every way in ids, member names, keys, queries and languages.
func fuzzSeeds() []fuzzCase {
	id := citizenID("37159919800101007")
	rec := activity("FZ-1", "371502001", at(2025, 12, 3, 9), "")
	withResident := activity("FZ-2", "371502001", at(2025, 12, 4, 9), id)
	replace := func(b []byte, old, new string) []byte { return bytes.Replace(b, []byte(old), []byte(new), 1) }
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	nd := "application/x-ndjson"
	many := strings.Repeat("activities-held,", 300) + "report-completeness"
	return []fuzzCase{
		{0, "", rec, nd, "", "", "zh-Hans"},
		{0, "dryRun=true", ndjson(rec, withResident), "application/json; charset=utf-8", "", "batch-1", "en"},
		{0, "", replace(rec, "2025-12-03T09:00:00+08:00", "1899-12-31T09:00:00+08:00"), nd, "", "", ""},
		{0, "", replace(replace(rec, "2025-12-03T09:00:00+08:00", "0001-01-01T00:00:00Z"), "2025-12-03T10:30:00+08:00", "0001-01-01T01:00:00Z"), nd, "", "", "zh-TW"},
		{0, "", append([]byte("{"), bytes.Repeat([]byte(" "), 2000)...), nd, "", "", ""},
		{0, "", gz(bytes.Repeat([]byte("\n"), 1<<16)), nd, "gzip", "", ""},
		{0, "", rec[:len(rec)/2], nd, "", "", "en"},
		{0, "", []byte("<activity><id>" + id + "</id></activity>"), "text/xml", "", "", ""},
		{0, "", []byte("--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + string(rec) + "\r\n--b--\r\n"), "multipart/form-data; boundary=b", "", "", ""},
		{0, "", replace(rec, `"id":"FZ-1"`, `"id":"A-`+id[:7]+"-"+id[7:12]+"-"+id[12:]+`"`), nd, "", "", ""},
		{0, "", replace(rec, `"title":`, `"x`+fullWidth(id)+`x":1,"title":`), nd, "", "", ""},
		{0, "", replace(rec, `"title":"健康知识讲座"`, `"title":"为 `+id[:6]+" "+id[6:14]+" "+id[14:]+` 讲座"`), nd, "", "", ""},
		{0, "", rec, nd, "", "key-" + id[:6] + "-" + id[6:], ""},
		{0, "", rec, nd, "", id[:3] + " " + id[3:], ""},
		{0, "dryRun=" + id, rec, nd, "", "", ""},
		{0, "", rec, "application/json; charset=" + id, "", "", ""},
		{0, "", rec, "application/json", "br", "", ""},
		{1, "under=3715&period=2025&indicators=" + many, nil, "", "", "", ""},
		{1, "under=37&level=township&period=2025" + strings.Repeat("&indicators=activities-held", 100), nil, "", "", "", "en"},
		{1, "under=" + id + "&period=2025", nil, "", "", "", ""},
		{1, "under=3715&period=" + fullWidth(id), nil, "", "", "", ""},
		{1, "under=3715&period=9999&level=county", nil, "", "", "", ""},
		{1, "under=3715&period=1899", nil, "", "", "", ""},
		{1, "under=371599&period=2025", nil, "", "", "", "zh-Hant"},
		{2, "under=3715&period=202512", nil, "", "", "", ""},
		{2, "under=3715&period=999912", nil, "", "", "", ""},
		{3, "under=3715&period=9999", nil, "", "", "", ""},
		{5, "", []byte(`{"division":"3715","period":"202510","until":"9999-12-31T23:59:59Z"}`), "application/json", "", "", ""},
		{5, "", []byte(`{"division":"3715","period":"9999"}`), "application/json", "", "", ""},
		{5, "", []byte(`{"division":"` + id + `","period":"202510"}`), "application/json", "", "", ""},
		{5, "", []byte(`{"` + id + `":1}`), "application/json", "", "", ""},
		{6, "", []byte(`{"division":"3715","period":"202510"`), "application/json", "", "", ""},
		{0x14, "", rec, nd, "", "", ""},
		{0x27, "", nil, "", "", "", ""},
		{4, "under=" + id[:9] + "-" + id[9:], nil, "", "", "", ""},
		{11, "", nil, "", "", "", ""},
	}
}

// writeFuzzSeeds, set by -write-fuzz-seeds, writes fuzzSeeds to the seed
// corpus of FuzzIntakeHandler, testdata/fuzz/FuzzIntakeHandler, which every
// go test replays.
var writeFuzzSeeds = flag.Bool("write-fuzz-seeds", false, "write the seeds of FuzzIntakeHandler to testdata/fuzz")

// TestWriteFuzzSeeds writes the seed corpus when -write-fuzz-seeds is set,
// and otherwise checks that the corpus holds every seed.
func TestWriteFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzIntakeHandler")
	for i, c := range fuzzSeeds() {
		var b strings.Builder
		b.WriteString("go test fuzz v1\n")
		fmt.Fprintf(&b, "byte(%q)\n", c.route)
		fmt.Fprintf(&b, "string(%q)\n", c.query)
		fmt.Fprintf(&b, "[]byte(%q)\n", c.body)
		for _, s := range []string{c.contentType, c.contentEncoding, c.key, c.acceptLanguage} {
			fmt.Fprintf(&b, "string(%q)\n", s)
		}
		name := filepath.Join(dir, "seed-"+strconv.Itoa(i))
		if *writeFuzzSeeds {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != b.String() {
			t.Errorf("%s is missing or stale (%v): run go test -run TestWriteFuzzSeeds -write-fuzz-seeds", name, err)
		}
	}
}

// FuzzIntakeHandler drives the intake's HTTP handler, in process, on
// SQLite in a temporary directory, with a token the platform knows, with
// arbitrary bodies, headers (Content-Type, Content-Encoding,
// Idempotency-Key, Accept-Language) and query strings, and checks that no
// answer is a 5xx, that every error answer is an RFC 9457 problem, and that
// no citizen ID number comes back in clear in an answer's body or headers
// or goes into a log line, however it was dressed (see clearCitizenIDs).
func FuzzIntakeHandler(f *testing.F) {
	st, err := openStore(context.Background(), filepath.Join(f.TempDir(), "intake.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	tokens := &tokenTable{}
	if err := loadTokens(strings.NewReader(tokensCSVTest), "tokens.csv", tokens); err != nil {
		f.Fatal(err)
	}
	logs := &httpapitest.Buffer{}
	log := slog.New(healthedu.NewRedactingHandler(slog.NewJSONHandler(logs, nil)))
	srv := newServer(config{
		LockDays: 10, DeadlineDay: 10, MaxBody: 1 << 20, MaxSubmissions: 2, Key: testKey,
		MaxRows: 2000, Now: func() time.Time { return testNow },
	}, st, tokens, log)

	// The seeds are fuzzSeeds, in testdata/fuzz/FuzzIntakeHandler (see
	// TestWriteFuzzSeeds).
	f.Fuzz(func(t *testing.T, route uint8, query string, body []byte, contentType, contentEncoding, key, acceptLanguage string) {
		for _, v := range []string{contentType, contentEncoding, key, acceptLanguage} {
			if strings.ContainsAny(v, "\r\n\x00") {
				return // no client can send it
			}
		}
		rt := fuzzRoutes[int(route&0x0f)%len(fuzzRoutes)]
		token := fuzzTokens[int(route>>4)%len(fuzzTokens)]
		req := httptest.NewRequest(rt.method, rt.path, bytes.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Authorization", "Bearer "+token)
		for name, v := range map[string]string{"Content-Type": contentType, "Content-Encoding": contentEncoding,
			"Idempotency-Key": key, "Accept-Language": acceptLanguage} {
			if v != "" {
				req.Header.Set(name, v)
			}
		}
		logs.Take() // what earlier inputs logged
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)

		if w.Code >= 500 {
			t.Fatalf("%s %s?%.200q answered %d: %.500s", rt.method, rt.path, query, w.Code, w.Body.Bytes())
		}
		if w.Code >= 400 && !strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("%s %s answered %d as %q, not a problem: %.500s", rt.method, rt.path, w.Code, w.Header().Get("Content-Type"), w.Body.Bytes())
		}
		var headers strings.Builder
		w.Header().Write(&headers)
		if ids := clearCitizenIDs(w.Body.String() + "\n" + headers.String()); len(ids) > 0 {
			t.Fatalf("%s %s answered %d with %q in clear: %.1000s", rt.method, rt.path, w.Code, ids, w.Body.Bytes())
		}
		if logged := logs.Take(); len(clearCitizenIDs(logged)) > 0 {
			t.Fatalf("%s %s logged %q in clear: %s", rt.method, rt.path, clearCitizenIDs(logged), logged)
		}
	})
}
