package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// TestIndicatorsStreaming runs "jiceng indicators" on the records of
// 东昌府区 that "jiceng generate" writes, and on a second file that
// resubmits some of them with other participants, and checks that it
// writes what it wrote when it kept every record until the end
// (runIndicatorsReference), in every format but dhis2.
func TestIndicatorsStreaming(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "371502.ndjson")
	if _, errOut, code := indicatorsCommand(t, "generate", "-under", "371502", "-months", "12", "-o", first); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	participants := regexp.MustCompile(`"participants":([0-9]+)`)
	var again bytes.Buffer
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	changed := 0
	for i, line := range lines {
		if i%40 != 0 || !participants.Match(line) {
			continue
		}
		again.Write(participants.ReplaceAllFunc(line, func(m []byte) []byte {
			n, _ := strconv.Atoi(string(participants.FindSubmatch(m)[1]))
			return []byte(`"participants":` + strconv.Itoa(n+7))
		}))
		again.WriteByte('\n')
		changed++
	}
	if changed < 10 {
		t.Fatalf("%d activities resubmitted, want 10 or more", changed)
	}
	second := filepath.Join(dir, "again.ndjson")
	if err := os.WriteFile(second, again.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"table", "csv", "json", "fhir"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"indicators", "-level", "township", "-under", "371502", "-period", "2025",
				"-now", "2025-12-01T00:00:00+08:00", "-lang", "en", "-format", format, first, second}
			var wantOut, wantErr, gotOut, gotErr bytes.Buffer
			wantCode := runIndicatorsReference(args[1:], nil, &wantOut, &wantErr)
			gotCode := run(args, nil, &gotOut, &gotErr)
			if gotCode != wantCode || wantCode != 0 {
				t.Fatalf("exit %d, want %d (0): %s", gotCode, wantCode, gotErr.String())
			}
			if diff := cmp.Diff(wantOut.String(), gotOut.String()); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantErr.String(), gotErr.String()); diff != "" {
				t.Errorf("standard error (-want +got):\n%s", diff)
			}
			if wantOut.Len() < 10000 {
				t.Errorf("%d bytes of output, want more to compare", wantOut.Len())
			}
		})
	}
}

// heapPeak samples the heap in use every millisecond until stop is
// called, which returns the highest figure seen, in bytes. The figure is
// runtime/metrics' /memory/classes/heap/objects:bytes plus
// /memory/classes/heap/unused:bytes, which is MemStats.HeapInuse: the
// spans holding objects, live or dead but not yet swept, with the room
// left in them. It so counts what the collector lets the heap grow to
// between collections (about twice the live heap with GOGC=100), not
// only what is live. It starts after a collection, so that what earlier
// work left behind does not count.
func heapPeak() (stop func() uint64) {
	runtime.GC()
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	var (
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	read := func() {
		metrics.Read(samples)
		peak = max(peak, samples[0].Value.Uint64()+samples[1].Value.Uint64())
	}
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		return peak
	}
}

// indicatorsProvinceArgs computes the indicators of every county of
// 山东省 (37) over 2025 as of 1 December 2025, from the records of files
// that "jiceng generate -under 37" writes.
func indicatorsProvinceArgs(files ...string) []string {
	return append([]string{"indicators", "-level", "county", "-under", "37", "-period", "2025",
		"-now", "2025-12-01T00:00:00+08:00", "-format", "json"}, files...)
}

// indicatorsProvinceFile generates the records of 山东省's townships over
// the months to October 2025 (about 245 MB for twelve months) into a
// temporary directory, and returns the file and the number of records.
func indicatorsProvinceFile(b *testing.B, months int) (string, int) {
	b.Helper()
	name := filepath.Join(b.TempDir(), "37.ndjson")
	var errOut strings.Builder
	if code := run([]string{"generate", "-under", "37", "-months", strconv.Itoa(months), "-o", name}, nil, io.Discard, &errOut); code != 0 {
		b.Fatalf("generate: exit %d: %s", code, errOut.String())
	}
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return name, bytes.Count(data, []byte("\n"))
}

// BenchmarkIndicatorsProvince runs "jiceng indicators" on a generated
// province, every county of 山东省 over 2025, and reports the peak of the
// heap in use (peak-heap-MB, see heapPeak) and the records read per
// second, on three inputs:
//
//   - months=6: the records of six months;
//   - months=12: those of twelve months, about twice the records, the
//     (division, period, element) cells and the distinct ids;
//   - months=12x2: the file of months=12 read twice, so that every record
//     is resubmitted: twice the records of months=12, but the same cells,
//     the same distinct ids and the same output (checked).
//
// The store's memory grows with its cells and the feeds' with the
// distinct ids, not with the records read: months=12x2 peaks about where
// months=12 does, while months=12 peaks above months=6.
func BenchmarkIndicatorsProvince(b *testing.B) {
	half, halfRecords := indicatorsProvinceFile(b, 6)
	full, fullRecords := indicatorsProvinceFile(b, 12)
	sums := make(map[string]string)
	for _, bc := range []struct {
		name    string
		files   []string
		records int
	}{
		{"months=6", []string{half}, halfRecords},
		{"months=12", []string{full}, fullRecords},
		{"months=12x2", []string{full, full}, 2 * fullRecords},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var peak uint64
			var sum string
			for b.Loop() {
				h := sha256.New()
				var errOut strings.Builder
				stop := heapPeak()
				code := run(indicatorsProvinceArgs(bc.files...), nil, h, &errOut)
				peak = max(peak, stop())
				if code != 0 {
					b.Fatalf("indicators: exit %d: %s", code, errOut.String())
				}
				sum = hex.EncodeToString(h.Sum(nil))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(bc.records), "records")
			b.ReportMetric(float64(bc.records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			b.Logf("output sha256 %s", sum)
			sums[bc.name] = sum
		})
	}
	if a, c := sums["months=12"], sums["months=12x2"]; a != "" && c != "" && a != c {
		b.Errorf("the records of twelve months read twice give output %s, once %s: want the same", c, a)
	}
}

// runIndicatorsReference is "jiceng indicators" as it was before it fed
// the records to the store as it read them: it keeps every record until
// the end.
func runIndicatorsReference(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	reg := healthedu.DefaultRegistry()
	f, files, c, err := parseIndicatorsFlags(args, reg)
	lang := f.read.lang
	if err != nil {
		return c.exit(stdout, stderr, lang, err)
	}
	if errs := checkInputs(files); len(errs) > 0 {
		for _, err := range errs {
			printError(stderr, c.name, lang, err)
		}
		return exitUsage
	}

	records, read, skipped, err := readAccepted(files, f.read, stdin, stderr, func(file string, res *healthedu.RecordResult) {
		printError(stderr, c.name, lang, rejectedNotice(file, res))
	})
	switch {
	case err != nil:
		printError(stderr, c.name, lang, err)
		return exitUsage
	case read == 0:
		printError(stderr, c.name, lang, newError(codeNoRecords))
		return exitUsage
	}

	store := indicators.NewStore(indicators.DefaultCatalogue())
	opts := indicators.RecordOptions{Now: f.read.now}
	if err := store.AddRecords(records, opts); err != nil {
		for _, e := range indicatorsErrors(err) {
			if _, ok := errors.AsType[*indicators.RecordError](e); ok {
				skipped++
			}
			printError(stderr, c.name, lang, indicatorsUnusable(e))
		}
	}
	// The register of people and the lecture requests, whose figures
	// AddRecords does not derive.
	values, err := reports.FigureValues(records, reports.FigureOptions{Now: f.read.now, ResidentKey: opts.ResidentKey})
	if err != nil {
		printError(stderr, c.name, lang, err)
		return exitUsage
	}
	for _, v := range values {
		if err := store.Add(v); err != nil {
			printError(stderr, c.name, lang, indicatorsUnusable(err))
		}
	}

	out := bufio.NewWriter(stdout)
	if f.format == "dhis2" {
		return writeIndicatorsDHIS2(out, stderr, c.name, f, store)
	}
	return writeIndicators(out, stderr, c.name, reg, f, store, skipped)
}

// readAccepted reads the records of files ("-" is standard input) as
// "jiceng validate" does, with f's encoding and clock, and returns those
// the validator accepted, in order, and the numbers of records read and
// rejected; rejected, if not nil, is called with each rejected record. It
// stops at the first file that cannot be read and returns its error, a
// *commandError naming the file.
func readAccepted(files []string, f validateFlags, stdin io.Reader, stderr io.Writer, rejected func(file string, res *healthedu.RecordResult)) (records []healthedu.Record, read, nrejected int, err error) {
	read, nrejected, err = eachAccepted(files, f, stdin, stderr, func(r healthedu.Record) {
		records = append(records, r)
	}, rejected)
	if err != nil {
		return nil, read, nrejected, err
	}
	return records, read, nrejected, nil
}
