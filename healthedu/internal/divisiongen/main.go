// Command divisiongen builds healthedu/divisions.gen.gz, the compact form of
// the national division table that package healthedu embeds, from the CSV
// files in data/divisions. Its output is the same, byte for byte, on every
// run with the same Go toolchain.
//
// Run it from anywhere inside the module:
//
//	go run ./healthedu/internal/divisiongen   # from the module root
//	go generate ./healthedu                   # the same, through registry.go
//
// Usage:
//
//	divisiongen [-data dir] [-out file]
//
// By default it reads data/divisions and writes healthedu/divisions.gen.gz,
// both relative to the module root (the nearest directory above the working
// directory that holds go.mod).
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jiceng/jiceng/healthedu/internal/divisiondata"
)

func main() {
	data := flag.String("data", "", "directory of the national CSV files (default: data/divisions in the module root)")
	out := flag.String("out", "", "file to write (default: healthedu/divisions.gen.gz in the module root)")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "divisiongen:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	if data == "" || out == "" {
		root, err := moduleRoot()
		if err != nil {
			return err
		}
		if data == "" {
			data = filepath.Join(root, "data", "divisions")
		}
		if out == "" {
			out = filepath.Join(root, "healthedu", "divisions.gen.gz")
		}
	}
	t, err := divisiondata.ReadSource(os.DirFS(data))
	if err != nil {
		return err
	}
	b, err := divisiondata.Encode(t)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Printf("divisiongen: %d divisions, %d bytes → %s\n", len(t.Codes), len(b), out)
	return nil
}

// moduleRoot returns the nearest directory at or above the working directory
// that holds a go.mod file.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod at or above the working directory; use -data and -out")
		}
		dir = parent
	}
}
