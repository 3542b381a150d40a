package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// tickInterval is how often the server lets the engine's time pass when
// no request comes.
const tickInterval = 10 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status, 0 after a
// clean shutdown, 1 when the server failed and 2 for a wrong command line.
func run(args []string, stdout, stderr io.Writer) int {
	o, status, ok := parseOptions(args, stderr)
	if !ok {
		return status
	}
	logger := slog.New(healthedu.NewRedactingHandler(slog.NewJSONHandler(stderr, nil)))

	key, generated, err := loadKey(o.keyHex, o.demo)
	if err != nil {
		return fail(stderr, 2, err)
	}
	tokens, err := readTokenFile(o.tokensPath)
	if err != nil {
		return fail(stderr, 2, err)
	}
	var demoTok map[string]string
	if o.demo {
		if tokens, demoTok, err = demoTokens(tokens); err != nil {
			return fail(stderr, 1, err)
		}
	}
	if tokens == nil {
		logger.Warn("no -tokens file: every request but /healthz will be refused")
	}

	st, err := openStore(o.dbPath)
	if err != nil {
		return fail(stderr, 1, err)
	}
	defer st.close()
	srv, err := newServer(config{store: st, key: key, tokens: tokens, logger: logger, maxStreams: o.maxStreams})
	if err != nil {
		return fail(stderr, 1, err)
	}
	if o.demo {
		if err := seedDemo(srv); err != nil {
			return fail(stderr, 1, fmt.Errorf("seeding the demo: %w", err))
		}
	}

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fail(stderr, 1, err)
	}
	base := "http://" + ln.Addr().String()
	if o.demo {
		fmt.Fprint(stdout, demoBanner(srv, base, demoTok))
		if generated {
			fmt.Fprintf(stdout, "\nthe key was generated; to restart on %s, run with\n  JICENG_PSEUDONYM_KEY=%s\n",
				o.dbPath, hex.EncodeToString(key))
		}
	} else {
		fmt.Fprintf(stdout, "jiceng gridops: %s\n", base)
	}
	return serveUntilSignal(srv, ln, logger)
}

// options are the command line of gridops.
type options struct {
	addr, dbPath, keyHex, tokensPath string
	maxStreams                       int
	demo                             bool
}

// parseOptions parses the command line args. When it does not make a
// server's options, it has said why on stderr and returns false with the
// exit status: 0 for -help, 2 for a wrong command line.
func parseOptions(args []string, stderr io.Writer) (options, int, bool) {
	var o options
	fs := flag.NewFlagSet("gridops", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8081", "address to listen on")
	fs.StringVar(&o.dbPath, "db", "jiceng-gridops.db", "SQLite database file, created if need be")
	fs.StringVar(&o.keyHex, "key", "", "pseudonymisation key, at least 32 bytes in hexadecimal (default $JICENG_PSEUDONYM_KEY)")
	fs.StringVar(&o.tokensPath, "tokens", "", "bearer tokens: a CSV file with the header token,recipient,role,grids (or token,recipient,role)")
	fs.IntVar(&o.maxStreams, "max-streams", defaultMaxStreams, "event streams (GET /v1/alerts/stream) one token may hold open at once")
	fs.BoolVar(&o.demo, "demo", false, "seed a demo community grid, generate a key if none is given, and print tokens and curl commands")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: gridops [-addr HOST:PORT] [-db FILE] [-key HEX] [-tokens FILE] [-max-streams N] [-demo]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, 0, false
		}
		return o, 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gridops: unexpected argument %q\n", fs.Arg(0))
		return o, 2, false
	}
	if o.maxStreams < 1 {
		fmt.Fprintf(stderr, "gridops: -max-streams %d: want at least 1\n", o.maxStreams)
		return o, 2, false
	}
	return o, 0, true
}

// fail says err on stderr and returns the exit status.
func fail(stderr io.Writer, status int, err error) int {
	fmt.Fprintln(stderr, "gridops:", err)
	return status
}

// readTokenFile reads the tokens file path; nil without one.
func readTokenFile(path string) (*tokenSet, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseTokens(f)
}

// serveUntilSignal serves srv on ln, letting the engine's time pass, until
// SIGINT or SIGTERM, then shuts down: the event streams end, and the
// requests in progress finish for up to 10 s. It returns the exit status.
func serveUntilSignal(srv *server, ln net.Listener, logger *slog.Logger) int {
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // request bodies; streams have none
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	hs.RegisterOnShutdown(srv.hub.close) // end the event streams, or Shutdown would wait for them
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go srv.run(ctx, tickInterval)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		logger.Error("serving", "err", err)
		return 1
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		logger.Error("shutting down", "err", err)
		return 1
	}
	return 0
}

// loadKey returns the pseudonymisation key from -key or
// $JICENG_PSEUDONYM_KEY, or, for the demo without either, a new random
// one (generated is then true).
func loadKey(flagHex string, demo bool) (key []byte, generated bool, err error) {
	h := flagHex
	if h == "" {
		h = os.Getenv("JICENG_PSEUDONYM_KEY")
	}
	if h == "" {
		if !demo {
			return nil, false, errors.New("no pseudonymisation key: pass -key HEX or set JICENG_PSEUDONYM_KEY (at least 32 random bytes, e.g. from openssl rand -hex 32)")
		}
		key = make([]byte, 32)
		rand.Read(key)
		return key, true, nil
	}
	key, err = hex.DecodeString(h)
	if err != nil {
		return nil, false, errors.New("the pseudonymisation key is not hexadecimal")
	}
	if len(key) < grid.MinKeyLen {
		return nil, false, fmt.Errorf("the pseudonymisation key has %d bytes, want at least %d", len(key), grid.MinKeyLen)
	}
	return key, false, nil
}
