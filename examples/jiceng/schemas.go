package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jiceng/jiceng/schemas"
)

// The usage of "jiceng schemas", with its exit statuses.
const schemasUsage = `usage: jiceng schemas [-lang zh-Hans|zh-Hant|en] -out DIR

Writes the JSON Schemas of the exchange format (draft 2020-12) into DIR,
creating it: record.json, which accepts a record of any kind, one
<kind>.json for each kind of record, and the schemas of the other jiceng
documents. Existing files of the same names are replaced. Give them to any
JSON Schema validator, such as ajv, with all files registered: their $id
lie under ` + schemas.BaseURL + `.

Messages come in the language of -lang, or else of the locale (LC_ALL,
LC_MESSAGES, LANG).

Exit status: 0 when the files were written, 2 when the command line is
wrong or a file could not be written.

Flags:
`

func runSchemas(args []string, stdout, stderr io.Writer) int {
	c := newCommandLine("jiceng schemas", schemasUsage)
	out := c.fs.String("out", "", "the directory to write the schemas into (required)")
	rest, lang, err := c.parse(args)
	switch {
	case err != nil:
	case *out == "":
		err = newError(codeOutMissing)
	case len(rest) > 0:
		err = newError(codeArgumentUnexpected, c.name, rest[0])
	}
	if err != nil {
		return c.exit(stdout, stderr, lang, err)
	}
	n, err := writeSchemas(*out, schemas.FS())
	if err != nil {
		printError(stderr, c.name, lang, newError(codeDirUnwritable, *out))
		return exitUsage
	}
	fmt.Fprintln(stdout, newError(codeSchemasWritten, n, *out).Message(lang))
	return exitOK
}

// writeSchemas copies the .json files of fsys's v1 directory into dir,
// creating it, and returns how many it wrote.
func writeSchemas(dir string, fsys fs.FS) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	names, err := fs.Glob(fsys, "v1/*.json")
	if err != nil {
		return 0, err
	}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), b, 0o644); err != nil {
			return 0, err
		}
	}
	return len(names), nil
}
