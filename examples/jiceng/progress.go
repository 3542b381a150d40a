package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/language"
)

// progressThreshold is the input size above which a progress bar is shown
// on a terminal.
const progressThreshold = 4 << 20

// progressBar draws the progress of validating one file on standard error
// when it is a terminal.
type progressBar struct {
	w     io.Writer
	lang  language.Tag // of the count of records
	name  string
	total int64 // bytes, or -1 when unknown
	drawn bool
}

// newProgressBar returns a bar for a file of size bytes (-1: unknown), or
// nil when w is not a terminal or the input is small.
func newProgressBar(w io.Writer, name string, size int64, lang language.Tag) *progressBar {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	if size >= 0 && size < progressThreshold {
		return nil
	}
	return &progressBar{w: w, lang: lang, name: name, total: size}
}

func (p *progressBar) update(records int, bytes int64) {
	const width = 30
	count := newError(codeProgress, records).Message(p.lang)
	if p.total > 0 {
		frac := float64(bytes) / float64(p.total)
		if frac > 1 {
			frac = 1
		}
		n := int(frac * width)
		fmt.Fprintf(p.w, "\r%s [%s%s] %3.0f%% %.1f/%.1f MB %s", p.name,
			strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100,
			float64(bytes)/(1<<20), float64(p.total)/(1<<20), count)
	} else {
		fmt.Fprintf(p.w, "\r%s %.1f MB %s", p.name, float64(bytes)/(1<<20), count)
	}
	p.drawn = true
}

func (p *progressBar) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
