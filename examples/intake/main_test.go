package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	var stdout, stderr syncBuffer
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
	io.WriteString(conn, "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "+tokenGulou+"\r\nContent-Length: 100000\r\n\r\n{")
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
	for _, tc := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"-db", ":memory:"}, "", "a pseudonym key is required"},
		{[]string{"-key", "abcd"}, "", "at least 32 bytes"},
		{[]string{"-key", "not hex"}, "", "hexadecimal"},
		{[]string{"-lock-days", "-1"}, "", "-lock-days"},
		{[]string{"extra"}, "", "unexpected argument"},
		{[]string{"-tokens", "/nonexistent/tokens.csv"}, hex.EncodeToString(testKey), "no such file"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Setenv("JICENG_PSEUDONYM_KEY", tc.env)
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tc.args, &stdout, &stderr, nil); code == 0 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q, want an error with %q", code, stderr.String(), tc.want)
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
		if err := loadTokens(strings.NewReader(tc.csv), &tokenTable{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("loadTokens(%q) = %v, want an error with %q", tc.csv, err, tc.want)
		}
	}
	var tt tokenTable
	if err := loadTokens(strings.NewReader("\ufefftoken,division,role\n 0123456789abcdef , 371502001 , reader\n"), &tt); err != nil {
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
	now := at(2025, 11, 20, 12)
	end := lastDueMonth(now, 10)
	if end.String() != "202510" {
		t.Errorf("last due month %s, want 202510", end)
	}
	n, err := seedDemo(ctx, st, key, now, end, log)
	if err != nil || n < 5000 {
		t.Fatalf("seeded %d, %v", n, err)
	}
	if again, err := seedDemo(ctx, st, key, now, end, log); err != nil || again != 0 {
		t.Errorf("seeded %d more, %v, into a full database", again, err)
	}
	h := newHarness(t, st, func(c *config) {
		c.PublicReads, c.DefaultDivision = true, demoDivision
	})
	h.setClock(now)
	var m monthlyAnswer
	h.request("GET", "/v1/reports/monthly?period=202510", "", nil).json(t, &m)
	if m.Expected < 100 || m.Received == 0 || m.Received >= m.Expected || len(m.NotReported) == 0 || len(m.Divisions) < 8 {
		t.Errorf("demo notification: expected %d received %d, %d not reported, %d divisions", m.Expected, m.Received, len(m.NotReported), len(m.Divisions))
	}
	if m.Under.Code != demoDivision {
		t.Errorf("under %v", m.Under)
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
			if len(a.Rows) != 1 {
				t.Fatalf("rows %+v", a.Rows)
			}
			return a.Rows[0].Numerator
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
