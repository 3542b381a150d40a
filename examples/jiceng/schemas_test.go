package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/schemas"
)

// readDir returns the files of fsys under dir by name.
func readDir(t *testing.T, fsys fs.FS, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := fs.WalkDir(fsys, dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		files[strings.TrimPrefix(path, dir+"/")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSchemasWritesEmbeddedFiles(t *testing.T) {
	want := readDir(t, schemas.FS(), "v1")
	if len(want) == 0 || want[schemas.EnvelopeFile] == "" {
		t.Fatalf("the embedded schemas hold no %s", schemas.EnvelopeFile)
	}
	dir := filepath.Join(t.TempDir(), "new", "schemas")
	for run := range 2 { // the second run replaces the files
		stdout, stderr, code := runCommand(t, "", "schemas", "-out", dir)
		if code != exitOK {
			t.Fatalf("run %d: exit status %d; stderr: %s", run, code, stderr)
		}
		if wantOut := "wrote " + itoa(len(want)) + " schemas to " + dir + "\n"; stdout != wantOut {
			t.Errorf("run %d: stdout %q, want %q", run, stdout, wantOut)
		}
		got := readDir(t, os.DirFS(dir), ".")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("run %d: files written (-embedded +written):\n%s", run, diff)
		}
	}
}

func TestSchemasErrors(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string // the last line of standard error
	}{
		{nil, "jiceng schemas: -out is required"},
		{[]string{"-out", "x", "extra"}, `jiceng schemas: unexpected argument "extra"`},
		{[]string{"-out", filepath.Join(blocker, "sub")}, "jiceng schemas: mkdir " + blocker + ": not a directory"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCommand(t, "", append([]string{"schemas"}, tt.args...)...)
		if code != exitUsage || stdout != "" {
			t.Errorf("%v: exit status %d, stdout %q", tt.args, code, stdout)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if got := lines[len(lines)-1]; got != tt.want {
			t.Errorf("%v: stderr ends %q, want %q", tt.args, got, tt.want)
		}
	}
}
