package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyDrawCommand: the vectors verify; an altered document or vectors
// file is a mismatch (1); what is not JSON is unreadable (2).
func TestVerifyDrawCommand(t *testing.T) {
	vectors, err := os.ReadFile("../draw/testdata/draw-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, v any) string {
		b, ok := v.([]byte)
		if !ok {
			b, _ = json.Marshal(v)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if code, out := runCmd(t, nil, "verify-draw", write("vectors.json", vectors)); code != 0 || !strings.Contains(out, "in 17 cases") {
		t.Fatalf("vectors: exit %d\n%s", code, out)
	}
	var file map[string]any
	_ = json.Unmarshal(vectors, &file)
	first := file["cases"].([]any)[0].(map[string]any)
	doc := first["expected"].(map[string]any)
	if code, out := runCmd(t, nil, "verify-draw", write("doc.json", doc)); code != 0 || !strings.HasPrefix(out, "verified ") {
		t.Errorf("a whole document: exit %d %q", code, out)
	}
	doc["entropy"] = doc["entropy"].(string) + "0"
	if code, out := runCmd(t, nil, "verify-draw", write("altered.json", doc)); code != 1 || !strings.Contains(out, "MISMATCH") {
		t.Errorf("altered entropy: exit %d %q", code, out)
	}
	first["expected"] = doc // now the vectors file expects a wrong document
	if code, _ := runCmd(t, nil, "verify-draw", write("bad-vectors.json", file)); code != 1 {
		t.Errorf("a vectors file with a wrong expectation: exit %d, want 1", code)
	}
	for _, bad := range [][]byte{[]byte("{"), []byte("\x00\x01binary"), []byte(`{"algorithm": 7}`)} {
		if code, _ := runCmd(t, nil, "verify-draw", write("bad.json", bad)); code != 2 {
			t.Errorf("%q: exit %d, want 2", bad, code)
		}
	}
	if code, _ := runCmd(t, nil, "verify-draw", filepath.Join(dir, "missing.json")); code != 2 {
		t.Errorf("a missing file: exit %d, want 2", code)
	}
}
