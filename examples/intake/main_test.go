package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi/httpapitest"
	"github.com/jiceng/jiceng/healthedu"
)

// TestRun starts the command as main does, on a free port, submits a
// record, sends a body too slowly, and stops it as SIGTERM would.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens.csv")
	if err := os.WriteFile(tokens, []byte(tokensCSVTest), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr httpapitest.Buffer
	ready := make(chan string, 1)
	done := make(chan int, 1)
	args := []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "intake.db"), "-tokens", tokens,
		"-key", hex.EncodeToString(testKey), "-lock-days", "0", "-read-timeout", "300ms", "-dashboard-division", "371502"}
	go func() { done <- run(ctx, args, &stdout, &stderr, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("run exited with %d: %s", code, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start")
	}
	if want := "jiceng intake listening on http://" + addr + "/\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}

	req, _ := http.NewRequest("POST", "http://"+addr+"/v1/submissions", bytes.NewReader(activity("RUN-1", "371502001", at(2025, 12, 3, 9), "")))
	req.Header.Set("Authorization", "Bearer "+tokenGulou)
	req.Header.Set("Content-Type", ndjsonType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"imported":1`) {
		t.Errorf("submission: %d %s", resp.StatusCode, b)
	}

	// The dashboard answers at /.
	if resp, err := http.Get("http://" + addr + "/"); err != nil || resp.StatusCode != 200 {
		t.Errorf("dashboard: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	// A body that trickles in is cut off by -read-timeout.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "+tokenGulou+"\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n{")
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, _ := io.ReadAll(conn)
	if time.Since(start) > 5*time.Second {
		t.Errorf("a slow body held the connection for %v", time.Since(start))
	}
	if !bytes.HasPrefix(got, []byte("HTTP/1.1 408")) || !bytes.Contains(got, []byte(codeTimeout)) {
		t.Errorf("slow body answered %q", got)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop")
	}
	logs := stderr.String()
	for _, want := range []string{`"msg":"listening"`, `"msg":"submission"`, `"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	bad := file("bad.txt", "# 东阿县\n371524001\n\n37152x102\n")
	empty := file("empty.txt", "# nobody\n\n")
	badRole := file("role.csv", "token,division,role\n0123456789abcdef,3715,boss\n")
	badDivision := file("division.csv", "token,division,role\n0123456789abcdef,3715,admin\nfedcba9876543210,37x5,reader\n")
	key := hex.EncodeToString(testKey)
	for _, tc := range []struct {
		args []string
		env  string // JICENG_PSEUDONYM_KEY
		lang string // LANG
		want string
	}{
		{[]string{"-db", ":memory:"}, "", "en_US.UTF-8", "A pseudonym key is required"},
		{[]string{"-db", ":memory:"}, "", "", "缺少假名化密钥"},
		{[]string{"-key", "abcd"}, "", "en_GB.UTF-8", "at least 32 bytes (64 hex digits), not 2"},
		{[]string{"-key", "not hex"}, "", "C.UTF-8", "假名化密钥须为十六进制数字"},
		{[]string{"-lock-days", "-1"}, "", "en", "-lock-days must not be negative"},
		{[]string{"-deadline-day", "32"}, "", "zh_TW.UTF-8", "-deadline-day 須為每月的某一日"},
		{[]string{"extra"}, "", "en_US", "Unexpected argument extra"},
		{[]string{"-tokens", "/nonexistent/tokens.csv"}, key, "en", "The token file /nonexistent/tokens.csv cannot be read: the file does not exist"},
		{[]string{"-reporting-level", "galaxy"}, "", "en", "The value of -reporting-level is not valid: "},
		{[]string{"-earliest", "1899-12-31"}, "", "en", "-earliest must be a date on or after 1900-01-01"},
		{[]string{"-max-rows", "0"}, "", "en", "-max-rows must be positive"},
		{[]string{"-max-indicators", "-3"}, "", "zh_CN.UTF-8", "-max-indicators 必须大于零"},
		{[]string{"-earliest", "1899-12-31"}, "", "zh_CN.UTF-8", "-earliest 须为 1900-01-01 或之后的日期"},
		{[]string{"-earliest", "soon"}, "", "zh_CN.UTF-8", "-earliest 的值有误：日期“soon”"},
		{[]string{"-reporting-level", "galaxy"}, "", "zh_CN.UTF-8", "-reporting-level 的值有误：区划级别“galaxy”无效，应为province、city、county、township或village"},
		{[]string{"-reporting-level", "county", "-reporters", bad}, key, "en", "-reporters and -reporting-level exclude each other"},
		{[]string{"-reporters", bad}, key, "en_US.UTF-8", bad + ", line 4: not a division code: "},
		{[]string{"-reporters", bad}, key, "", "应报单位名单 " + bad + " 第 4 行不是区划代码："},
		{[]string{"-reporters", bad}, key, "zh_HK.UTF-8", "應報單位名單 " + bad + " 第 4 行不是區劃代碼："},
		{[]string{"-reporters", empty}, key, "en", "The list of expected reporters " + empty + " names no division"},
		{[]string{"-reporters", filepath.Join(dir, "none.txt")}, key, "en", "cannot be read: the file does not exist"},
		{[]string{"-reporters", filepath.Join(dir, "none.txt")}, key, "zh_CN.UTF-8", "无法读取应报单位名单 " + filepath.Join(dir, "none.txt") + "：文件不存在"},
		{[]string{"-tokens", badRole}, key, "", "令牌文件 " + badRole + " 第 2 行有误：角色 boss 不是 submitter、admin、reader 或 approver"},
		{[]string{"-tokens", badRole}, key, "en", badRole + ", line 2: role boss is not submitter, admin, reader or approver"},
		{[]string{"-tokens", badDivision}, key, "zh_TW.UTF-8", "權杖檔案 " + badDivision + " 第 3 行有誤："},
		{[]string{"-tokens", filepath.Join(dir, "none.csv")}, key, "", "无法读取令牌文件 " + filepath.Join(dir, "none.csv") + "：文件不存在"},
	} {
		t.Run(strings.Join(tc.args, " ")+" "+tc.lang, func(t *testing.T) {
			t.Setenv("JICENG_PSEUDONYM_KEY", tc.env)
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", tc.lang)
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), append(tc.args, "-db", filepath.Join(t.TempDir(), "intake.db")), &stdout, &stderr, nil); code == 0 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q, want an error with %q", code, stderr.String(), tc.want)
			}
		})
	}
}

// TestUsage checks that -h documents the flags of the expected reporters.
func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, &stdout, &stderr, nil); code != 2 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"-reporting-level level", "(default \"township\")", "-reporters file", "one code a line"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("-h lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestStartupLanguage(t *testing.T) {
	for _, tc := range []struct {
		lcAll, lcMessages, lang string
		want                    language.Tag
	}{
		{"", "", "", healthedu.ZhHans},
		{"", "", "C", healthedu.ZhHans},
		{"", "", "POSIX", healthedu.ZhHans},
		{"", "", "C.UTF-8", healthedu.ZhHans},
		{"", "", "en_US.UTF-8", healthedu.English},
		{"", "", "fr_FR.UTF-8", healthedu.ZhHans}, // as MatchLanguage: none serves it
		{"", "", "zh_CN.GB18030", healthedu.ZhHans},
		{"", "", "zh_TW.UTF-8", healthedu.ZhHant},
		{"", "", "zh_HK.UTF-8@stroke", healthedu.ZhHant},
		{"", "zh_TW.UTF-8", "en_US.UTF-8", healthedu.ZhHant},
		{"en_US.UTF-8", "zh_TW.UTF-8", "zh_CN.UTF-8", healthedu.English},
	} {
		env := map[string]string{"LC_ALL": tc.lcAll, "LC_MESSAGES": tc.lcMessages, "LANG": tc.lang}
		if got := startupLanguage(func(k string) string { return env[k] }); got != tc.want {
			t.Errorf("startupLanguage(%v) = %v, want %v", env, got, tc.want)
		}
	}
}

func TestReadReporters(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string // the codes, short
		err      string   // the message in English
	}{
		{"codes", "371524001\n371524002000\n", []string{"371524001", "371524002"}, ""},
		{"comments, blanks, spaces, BOM, CRLF", "\ufeff# 东阿县\r\n\r\n  371524001  \r\n\t# 新城\r\n371524002\r\n", []string{"371524001", "371524002"}, ""},
		{"full-width digits", "３７１５２４００１\n", []string{"371524001"}, ""},
		{"a code twice", "371524001\n371524001\n371524101\n", []string{"371524001", "371524101"}, ""},
		{"mixed levels", "371524\n371502001\n", []string{"371524", "371502001"}, ""},
		{"not a code", "371524001\n东阿县\n", nil, "r.txt, line 2: not a division code: "},
		{"a digit too many", "\n\n3715240011\n", nil, "r.txt, line 3: not a division code: "},
		{"nothing", "# none\n\n", nil, "The list of expected reporters r.txt names no division"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := readReporters(strings.NewReader(tc.in), "r.txt")
			var got []string
			for _, d := range ds {
				got = append(got, d.Short())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			if msg := fmt.Sprint(err); (tc.err == "") != (err == nil) || !strings.HasPrefix(msg, tc.err) {
				t.Errorf("error %q, want one starting %q", msg, tc.err)
			}
			if err != nil && strings.Contains(errorText(err, healthedu.ZhHans), "line") {
				t.Errorf("the message in zh-Hans holds English: %s", errorText(err, healthedu.ZhHans))
			}
		})
	}
}

// TestExpectedReporters checks that the expected reporters of the
// configuration (-reporting-level, -reporters) are those the indicators
// count coverage, completeness and the monthly notification against.
func TestExpectedReporters(t *testing.T) {
	for _, tc := range []struct {
		name      string
		configure func(*config)
		// of 东阿县 for October, two townships of which reported
		coverage     string // of report-completeness
		completeness string
		notReported  []string
	}{
		{"every township (default)", func(*config) {}, "10/10", "20.00",
			[]string{"371524002", "371524102", "371524103", "371524104", "371524105", "371524107", "371524108", "371524109"}},
		{"-reporting-level county", func(c *config) { c.ReportingLevel = healthedu.LevelCounty }, "1/1", "100.00", nil},
		{"-reporters, two townships", func(c *config) {
			c.Reporters = []healthedu.DivisionCode{code("371524001"), code("371524002"), code("371502001")}
		}, "2/2", "50.00", []string{"371524002"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, openTestSQLite(t), tc.configure)
			day := at(2025, 11, 5, 10)
			h.submitAt(tokenDonge, day,
				monthlyReport("371524001", day, 100, 90),
				monthlyReport("371524101", day, 100, 90),
			)
			h.clock.Set(at(2025, 12, 1, 0))
			rows := indicatorRows(t, h, tokenDonge, "under=371524&period=202510&indicators=report-completeness")
			if len(rows) != 1 || rows[0].Value == nil {
				t.Fatalf("rows %+v", rows)
			}
			if got := fmt.Sprintf("%d/%d", rows[0].Coverage.Reporting, rows[0].Coverage.Expected); got != tc.coverage || *rows[0].Value != tc.completeness {
				t.Errorf("completeness %s, coverage %s; want %s, %s", *rows[0].Value, got, tc.completeness, tc.coverage)
			}
			m := getMonthly(t, h, tokenDonge, "371524", "202510")
			var missing []string
			for _, d := range m.NotReported {
				missing = append(missing, d.Division.Short())
			}
			if diff := cmp.Diff(tc.notReported, missing); diff != "" {
				t.Errorf("not reported (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadTokens(t *testing.T) {
	for _, tc := range []struct {
		csv, want string
	}{
		{"token,division,role\nshort,3715,admin\n", "at least 16"},
		{"token,role,division\n", "header"},
		{"token,division,role\n0123456789abcdef,3715,boss\n", "role"},
		{"token,division,role\n0123456789abcdef,37x5,admin\n", "line 2"},
		{"token,division,role\n0123456789abcdef,3715,admin\n0123456789abcdef,3716,admin\n", "twice"},
	} {
		if err := loadTokens(strings.NewReader(tc.csv), "tokens.csv", &tokenTable{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("loadTokens(%q) = %v, want an error with %q", tc.csv, err, tc.want)
		}
	}
	var tt tokenTable
	if err := loadTokens(strings.NewReader("\ufefftoken,division,role\n 0123456789abcdef , 371502001 , reader\n"), "tokens.csv", &tt); err != nil {
		t.Fatal(err)
	}
	p := tt.lookup("0123456789abcdef")
	if p == nil || p.Role != roleReader || p.Division.String() != "371502001000" || len(p.ID) != 16 {
		t.Errorf("principal %+v", p)
	}
}

// TestDemoSeed seeds a database as -demo does, once.
func TestDemoSeed(t *testing.T) {
	if testing.Short() {
		t.Skip("seeding a year of 聊城 takes a few seconds")
	}
	st := openTestSQLite(t)
	ctx := context.Background()
	key, err := demoKey(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := demoKey(ctx, st); !bytes.Equal(key, again) {
		t.Error("the demo key changed between starts")
	}
	log := slog.New(slog.DiscardHandler)
	// 6 November: October's reports are arriving, its deadline not passed.
	now := at(2025, 11, 6, 12)
	end := demoEnd(now)
	if end.String() != "202510" {
		t.Errorf("demo end %s, want 202510", end)
	}
	n, err := seedDemo(ctx, st, key, now, end, log)
	if err != nil || n < 5000 {
		t.Fatalf("seeded %d, %v", n, err)
	}
	if again, err := seedDemo(ctx, st, key, now, end, log); err != nil || again != 0 {
		t.Errorf("seeded %d more, %v, into a full database", again, err)
	}
	// The register of people and the lecture requests are seeded too.
	kinds := make(map[healthedu.Kind]int)
	st.Records(ctx, healthedu.DivisionCode{}, func(r *storedRecord) error {
		kinds[r.Kind]++
		return nil
	})
	for _, k := range []healthedu.Kind{"instructor", "expert", "lectureTeam", "lectureRequest"} {
		if kinds[k] == 0 {
			t.Errorf("no %s seeded: %v", k, kinds)
		}
	}
	h := newHarness(t, st, func(c *config) {
		c.PublicReads, c.DefaultDivision = true, demoDivision
	})
	h.clock.Set(now)

	// September, due: most reports arrived on time, as the generator
	// submitted them; a few late, a few missing.
	var m wire.Monthly
	h.request("GET", "/v1/reports/monthly?period=202509", "", nil).json(t, &m)
	if !m.Due || m.Expected < 100 || m.Received == 0 || m.Received >= m.Expected || m.OnTime*10 < m.Expected*8 || m.OnTime >= m.Received ||
		len(m.NotReported) == 0 || len(m.NotReportedByCounty) == 0 || len(m.Divisions) < 8 {
		t.Errorf("demo notification of September: due %v, expected %d received %d on time %d, %d not reported in %d counties, %d divisions",
			m.Due, m.Expected, m.Received, m.OnTime, len(m.NotReported), len(m.NotReportedByCounty), len(m.Divisions))
	}
	if m.Under.Code != demoDivision {
		t.Errorf("under %v", m.Under)
	}

	// October, not due: the reports submitted by now, received early.
	m = wire.Monthly{}
	h.request("GET", "/v1/reports/monthly?period=202510", "", nil).json(t, &m)
	if m.Due || m.ReceivedEarly == nil || *m.ReceivedEarly == 0 || int(*m.ReceivedEarly) >= m.Reporters || m.Expected != 0 || len(m.NotReported) != 0 {
		t.Errorf("demo notification of October: due %v, early %v of %d, expected %d, %d not reported",
			m.Due, m.ReceivedEarly, m.Reporters, m.Expected, len(m.NotReported))
	}
}

// TestFiguresFollowSubmissions checks that what is computed is not kept
// past a submission that changes the records.
func TestFiguresFollowSubmissions(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		held := func() int64 {
			var a struct {
				Rows []indicatorRowJSON `json:"rows"`
			}
			h.request("GET", "/v1/indicators?period=202512&indicators=activities-held", tokenGulou, nil).json(t, &a)
			if len(a.Rows) != 1 || a.Rows[0].Numerator == nil {
				t.Fatalf("rows %+v", a.Rows)
			}
			return *a.Rows[0].Numerator
		}
		h.submit(tokenGulou, activity("F-1", "371502001", at(2025, 12, 3, 9), ""))
		if n := held(); n != 1 {
			t.Errorf("activities held %d, want 1", n)
		}
		h.submit(tokenGulou, ndjson(activity("F-1", "371502001", at(2025, 12, 3, 9), ""), activity("F-2", "371502001", at(2025, 12, 4, 9), "")))
		if n := held(); n != 2 {
			t.Errorf("activities held %d after another submission, want 2", n)
		}
	})
}
