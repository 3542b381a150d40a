package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The demonstration platform that the browser tests share (演示平台): it is
// started once, by the first test that asks for it, on a database of its
// own, and stopped when the package's tests end (see TestMain). Seeding a
// year of 聊城 takes a while under the race detector; starting it once
// keeps the package within its time. The tests that take steps on it
// (approvals, submissions) compare what the pages show with what the API
// answers at that moment, so they do not depend on the order they run in.
var sharedDemo struct {
	once    sync.Once
	base    string
	printed syncBuffer // what the demo printed, tokens included
	err     error
	stop    func()
}

// demoReadyTimeout bounds the demo's start.
const demoReadyTimeout = 5 * time.Minute

// sharedDemoServer returns the base URL of the shared demonstration platform and
// what it printed at its start, starting it when it is not running yet.
func sharedDemoServer(t *testing.T) (base, printed string) {
	t.Helper()
	sharedDemo.once.Do(func() {
		dir, err := os.MkdirTemp("", "jiceng-demo-")
		if err != nil {
			sharedDemo.err = err
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		ready, done := make(chan string, 1), make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"-demo", "-addr", "127.0.0.1:0",
				"-db", filepath.Join(dir, "intake.db")}, &sharedDemo.printed, io.Discard, ready)
		}()
		sharedDemo.stop = func() { cancel(); <-done; os.RemoveAll(dir) }
		select {
		case addr := <-ready:
			sharedDemo.base = "http://" + addr
		case code := <-done:
			sharedDemo.err = fmt.Errorf("intake exited with status %d before it was ready", code)
			sharedDemo.stop = func() { os.RemoveAll(dir) }
		case <-time.After(demoReadyTimeout):
			sharedDemo.err = fmt.Errorf("intake not ready after %s", demoReadyTimeout)
		}
	})
	if sharedDemo.err != nil {
		t.Fatal(sharedDemo.err)
	}
	return sharedDemo.base, sharedDemo.printed.String()
}

// TestMain runs the package's tests and stops the shared demonstration
// platform, if one was started.
func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDemo.stop != nil {
		sharedDemo.stop()
	}
	os.Exit(code)
}
