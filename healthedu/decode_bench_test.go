package healthedu

import (
	"bytes"
	"os"
	"testing"
)

// decodeRepeatReader reads data over and over, endlessly.
type decodeRepeatReader struct {
	data []byte
	off  int
}

func (r *decodeRepeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.data[r.off:])
		n += c
		r.off = (r.off + c) % len(r.data)
	}
	return n, nil
}

// BenchmarkDecodeActivityNDJSON decodes a stream of activities, one a
// line, as a provincial platform receives them: one iteration is one
// record.
func BenchmarkDecodeActivityNDJSON(b *testing.B) {
	line, err := os.ReadFile("testdata/decode/activity.ndjson")
	if err != nil {
		b.Fatal(err)
	}
	d := NewDecoder(&decodeRepeatReader{data: bytes.Repeat(line, 100)}, DecodeOptions{})
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		if !d.Next() {
			b.Fatal("stream ended")
		}
		if r := d.Decoded(); r.Record == nil {
			b.Fatalf("record rejected: %v", r.Issues)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkDecodeActivityArray decodes the same activities as elements of
// one JSON array.
func BenchmarkDecodeActivityArray(b *testing.B) {
	line, err := os.ReadFile("testdata/decode/activity.ndjson")
	if err != nil {
		b.Fatal(err)
	}
	elem := append(bytes.TrimSpace(line), ",\n"...)
	r := &decodeRepeatReader{data: bytes.Repeat(elem, 100)}
	d := NewDecoder(&prefixReader{prefix: []byte("[\n"), r: r}, DecodeOptions{})
	b.SetBytes(int64(len(elem)))
	b.ReportAllocs()
	for b.Loop() {
		if !d.Next() {
			b.Fatal("stream ended")
		}
		if r := d.Decoded(); r.Record == nil {
			b.Fatalf("record rejected: %v", r.Issues)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

type prefixReader struct {
	prefix []byte
	r      *decodeRepeatReader
}

func (p *prefixReader) Read(b []byte) (int, error) {
	if len(p.prefix) > 0 {
		n := copy(b, p.prefix)
		p.prefix = p.prefix[n:]
		return n, nil
	}
	return p.r.Read(b)
}
