package audit

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Checkpoint is a signed statement "at time At the chain head was entry Seq
// with hash Hash". It is kept in the database and in an append-only log file
// next to the key, so deleting it from the database alone hides nothing.
type Checkpoint struct {
	ID        string    `json:"id"`
	Seq       int64     `json:"seq"`
	Hash      string    `json:"hash"`
	At        time.Time `json:"at"`
	KeyID     string    `json:"key_id"`
	Signature string    `json:"signature"` // standard base64 of the Ed25519 signature
}

// signedPrefix versions the signed message; a future format gets a new one so
// a signature can never be read under the wrong format.
const signedPrefix = "suiji/audit-checkpoint/v1\x00"

// SignedMessage is the exact byte string a checkpoint's signature covers:
//
//	"suiji/audit-checkpoint/v1" NUL <seq in decimal> NUL <hash> NUL <at, RFC 3339 UTC with nanoseconds, trailing zeros dropped>
//
// ID and KeyID are not covered: they name the checkpoint and the key, they
// do not vouch for the chain.
func SignedMessage(cp Checkpoint) []byte {
	msg := []byte(signedPrefix)
	msg = strconv.AppendInt(msg, cp.Seq, 10)
	msg = append(msg, 0)
	msg = append(msg, cp.Hash...)
	msg = append(msg, 0)
	msg = cp.At.UTC().AppendFormat(msg, time.RFC3339Nano)
	return msg
}

// KeyID names a public key: the first 16 hex characters of SHA-256 of it.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// Sign returns cp with KeyID and Signature set by key.
func Sign(key ed25519.PrivateKey, cp Checkpoint) (Checkpoint, error) {
	if len(key) != ed25519.PrivateKeySize {
		return Checkpoint{}, errors.New("sign audit checkpoint: not an Ed25519 private key")
	}
	cp.KeyID = KeyID(key.Public().(ed25519.PublicKey))
	cp.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, SignedMessage(cp)))
	return cp, nil
}

// VerifySignature checks that cp was signed by the key pub.
func VerifySignature(pub ed25519.PublicKey, cp Checkpoint) error {
	if len(pub) != ed25519.PublicKeySize {
		return errors.New("verify audit checkpoint: not an Ed25519 public key")
	}
	if want := KeyID(pub); cp.KeyID != want {
		return fmt.Errorf("checkpoint %s is signed by key %q, not the audit key %s", cp.ID, cp.KeyID, want)
	}
	sig, err := base64.StdEncoding.DecodeString(cp.Signature)
	if err != nil {
		return fmt.Errorf("checkpoint %s signature is not base64: %w", cp.ID, err)
	}
	if !ed25519.Verify(pub, SignedMessage(cp), sig) {
		return fmt.Errorf("checkpoint %s signature does not match its seq, hash and time", cp.ID)
	}
	return nil
}

// CheckpointLogPath is the conventional checkpoint log next to a key file.
func CheckpointLogPath(keyPath string) string { return keyPath + ".checkpoints.jsonl" }

// LoadOrCreateKey reads the Ed25519 checkpoint key from path (PEM, PKCS #8),
// creating it with mode 0600 (and its directory with 0700) when missing. The
// key must live outside the database: whoever can write the database must
// not be able to sign. Losing or replacing the key makes every earlier
// checkpoint unverifiable, so it belongs in backups kept apart from the
// database's.
func LoadOrCreateKey(path string) (ed25519.PrivateKey, string, error) {
	key, err := readKey(path)
	if errors.Is(err, fs.ErrNotExist) {
		key, err = createKey(path)
	}
	if err != nil {
		return nil, "", err
	}
	return key, KeyID(key.Public().(ed25519.PublicKey)), nil
}

func readKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read audit key %s: %w", path, err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("audit key %s is not a PEM \"PRIVATE KEY\" block", path)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse audit key %s: %w", path, err)
	}
	key, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("audit key %s is a %T, want Ed25519", path, parsed)
	}
	return key, nil
}

// createKey writes a new key to a temporary file and links it into place, so
// a reader never sees half a key and of two processes starting at once one
// key wins and both use it.
func createKey(path string) (ed25519.PrivateKey, error) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate audit key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode audit key: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create audit key directory %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".audit-key-*")
	if err != nil {
		return nil, fmt.Errorf("create audit key %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := writeKeyFile(tmp, der); err != nil {
		return nil, fmt.Errorf("write audit key %s: %w", path, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return readKey(path)
		}
		return nil, fmt.Errorf("install audit key %s: %w", path, err)
	}
	return key, nil
}

func writeKeyFile(f *os.File, der []byte) error {
	err := f.Chmod(0o600)
	if err == nil {
		err = pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der})
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// AppendCheckpointLog appends cp as one JSON line to the log at path
// (created with mode 0600), written with one write call and synced.
func AppendCheckpointLog(path string, cp Checkpoint) error {
	line, err := json.Marshal(cp)
	if err != nil {
		return fmt.Errorf("encode checkpoint %s: %w", cp.ID, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open checkpoint log %s: %w", path, err)
	}
	_, err = f.Write(append(line, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("append checkpoint %s to %s: %w", cp.ID, path, err)
	}
	return nil
}

// ReadCheckpointLog reads every checkpoint in the log at path; a missing file
// holds none. A last line without its newline that does not parse is a write
// torn by a crash and is skipped; any other unreadable line is an error.
func ReadCheckpointLog(path string) ([]Checkpoint, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open checkpoint log %s: %w", path, err)
	}
	defer f.Close()
	var out []Checkpoint
	r := bufio.NewReader(f)
	for lineNo := 1; ; lineNo++ {
		line, err := r.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read checkpoint log %s: %w", path, err)
		}
		complete := err == nil
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			var cp Checkpoint
			if jerr := json.Unmarshal(trimmed, &cp); jerr != nil {
				if !complete {
					break
				}
				return nil, fmt.Errorf("checkpoint log %s line %d: %w", path, lineNo, jerr)
			}
			out = append(out, cp)
		}
		if !complete {
			break
		}
	}
	return out, nil
}
