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
		stdout, stderr, code := runCommand(t, "", "schemas", "-lang", "en", "-out", dir)
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
		{nil, "-out is required: give the directory to write the JSON Schemas into"},
		{[]string{"-out", "x", "extra"}, `unexpected argument "extra": jiceng schemas reads no files, its settings are flags written -name value (run jiceng schemas -h for the usage)`},
		{[]string{"-out", filepath.Join(blocker, "sub")}, "cannot create the directory " + filepath.Join(blocker, "sub") + " or write files into it"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCommand(t, "", append([]string{"schemas", "-lang", "en"}, tt.args...)...)
		if code != exitUsage || stdout != "" {
			t.Errorf("%v: exit status %d, stdout %q", tt.args, code, stdout)
		}
		if diff := cmp.Diff("jiceng schemas: "+tt.want+"\n", stderr); diff != "" {
			t.Errorf("%v: stderr (-want +got):\n%s", tt.args, diff)
		}
	}
}

func TestSchemasOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "schemas")
	n := itoa(len(readDir(t, schemas.FS(), "v1")))
	for lang, want := range map[string]string{
		"zh-Hans": "已将 " + n + " 个 JSON Schema 文件写入 " + dir + "\n",
		"zh-Hant": "已將 " + n + " 個 JSON Schema 檔案寫入 " + dir + "\n",
		"en":      "wrote " + n + " schemas to " + dir + "\n",
	} {
		stdout, stderr, code := runCommand(t, "", "schemas", "-lang", lang, "-out", dir)
		if code != exitOK || stderr != "" {
			t.Errorf("-lang %s: exit status %d, stderr %q", lang, code, stderr)
		}
		if stdout != want {
			t.Errorf("-lang %s: stdout %q, want %q", lang, stdout, want)
		}
	}
}

func TestSchemasHelp(t *testing.T) {
	stdout, stderr, code := runCommand(t, "", "schemas", "-h")
	if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "usage: jiceng schemas ") ||
		!strings.Contains(stdout, "Writes the JSON Schemas") || !strings.Contains(stdout, "Exit status: 0") || !strings.Contains(stdout, "-out string") {
		t.Errorf("exit status %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
