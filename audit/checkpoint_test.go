package audit

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func testKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func TestSignedMessageIsFixed(t *testing.T) {
	cp := Checkpoint{ID: "c1", Seq: 42, Hash: strings.Repeat("ab", 32), At: time.Date(2026, 11, 25, 10, 13, 50, 123456000, cst)}
	want := "suiji/audit-checkpoint/v1\x0042\x00" + strings.Repeat("ab", 32) + "\x002026-11-25T02:13:50.123456Z"
	if got := string(SignedMessage(cp)); got != want {
		t.Fatalf("signed message %q, want %q", got, want)
	}
}

func TestSignAndVerify(t *testing.T) {
	key := testKey(t)
	pub := key.Public().(ed25519.PublicKey)
	cp, err := Sign(key, Checkpoint{ID: "c1", Seq: 42, Hash: strings.Repeat("ab", 32), At: time.Now().UTC().Truncate(time.Microsecond)})
	if err != nil {
		t.Fatal(err)
	}
	if cp.KeyID != KeyID(pub) || len(cp.KeyID) != 16 {
		t.Fatalf("key id %q, want %q", cp.KeyID, KeyID(pub))
	}
	if err := VerifySignature(pub, cp); err != nil {
		t.Fatalf("valid checkpoint rejected: %v", err)
	}
	// The same instant in another zone is the same checkpoint.
	moved := cp
	moved.At = cp.At.In(cst)
	if err := VerifySignature(pub, moved); err != nil {
		t.Fatalf("checkpoint in another time zone rejected: %v", err)
	}
	other := testKey(t)
	tampered := []struct {
		name string
		edit func(*Checkpoint)
		pub  ed25519.PublicKey
	}{
		{"seq", func(c *Checkpoint) { c.Seq++ }, pub},
		{"hash", func(c *Checkpoint) { c.Hash = strings.Repeat("cd", 32) }, pub},
		{"time", func(c *Checkpoint) { c.At = c.At.Add(time.Microsecond) }, pub},
		{"signature", func(c *Checkpoint) { c.Signature = "AAAA" + c.Signature[4:] }, pub},
		{"signature not base64", func(c *Checkpoint) { c.Signature = "!!" }, pub},
		{"key id", func(c *Checkpoint) { c.KeyID = "0000000000000000" }, pub},
		{"another key", func(*Checkpoint) {}, other.Public().(ed25519.PublicKey)},
	}
	for _, tt := range tampered {
		t.Run(tt.name, func(t *testing.T) {
			c := cp
			tt.edit(&c)
			if err := VerifySignature(tt.pub, c); err == nil {
				t.Fatal("tampered checkpoint accepted")
			}
		})
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "audit.key")
	key, id, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", info.Mode().Perm())
	}
	again, id2, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !key.Equal(again) || id != id2 || id != KeyID(key.Public().(ed25519.PublicKey)) {
		t.Fatal("reloading the key file gave another key")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("key directory holds %d files, want only the key", len(entries))
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreateKey(path); err == nil {
		t.Fatal("a corrupt key file must be an error, never silently replaced")
	}
}

func TestCheckpointLog(t *testing.T) {
	key := testKey(t)
	path := filepath.Join(t.TempDir(), "audit.key.checkpoints.jsonl")
	if cps, err := ReadCheckpointLog(path); err != nil || cps != nil {
		t.Fatalf("missing log: %v %v", cps, err)
	}
	var written []Checkpoint
	for i := int64(1); i <= 3; i++ {
		cp, err := Sign(key, Checkpoint{ID: "c", Seq: i, Hash: GenesisHash, At: time.Now().UTC().Truncate(time.Microsecond)})
		if err != nil {
			t.Fatal(err)
		}
		if err := AppendCheckpointLog(path, cp); err != nil {
			t.Fatal(err)
		}
		written = append(written, cp)
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Fatalf("log mode %v, want 0600", info.Mode().Perm())
	}
	// A crash in the middle of a write leaves a torn last line.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	_, _ = f.WriteString(`{"id":"c","seq":4,"ha`)
	_ = f.Close()
	got, err := ReadCheckpointLog(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("read %d checkpoints, want 3", len(got))
	}
	for i := range got {
		if err := VerifySignature(key.Public().(ed25519.PublicKey), got[i]); err != nil || got[i].Seq != written[i].Seq {
			t.Fatalf("checkpoint %d after a round trip: %+v, %v", i, got[i], err)
		}
	}
	if err := os.WriteFile(path, []byte("garbage\n{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCheckpointLog(path); err == nil {
		t.Fatal("a corrupt line in the middle must be an error")
	}
}
