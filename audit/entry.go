// Package audit is the tamper-evident audit trail (全程留痕) without storage:
// the entry, its canonical JSON and hash chain, the before/after diff, a
// streaming chain verifier and signed checkpoints of the chain head.
//
// Each entry's hash is hex(SHA-256(prev_hash || Canonical(entry))), where
// prev_hash is the previous entry's hash as 64 lowercase hex characters and
// the first entry's prev_hash is GenesisHash. Editing, deleting or reordering
// an entry therefore breaks the chain from that entry on. A chain kept in the
// database cannot by itself reveal a deleted tail or a chain recomputed from
// scratch, which is what the checkpoints, signed with a key kept outside the
// database, are for.
//
// The package imports neither HTTP nor the database, so the storage layer,
// the API and offline tools all hash and verify alike.
package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// GenesisHash is the prev_hash of the first entry (and the hash of the empty
// chain's head).
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// TimeLayout is how times appear in canonical JSON: RFC 3339 in UTC with
// exactly six fractional digits, the precision both stores keep.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// Entry is one audit record. Before and After hold JSON objects of the
// changed fields only (nil when absent: before of a create, after of a
// delete).
type Entry struct {
	Seq        int64
	ID         string
	At         time.Time
	ActorID    string
	Actor      string // username at the time of the action
	Role       string
	Action     string // e.g. "department.create"
	TargetType string
	TargetID   string
	Before     json.RawMessage
	After      json.RawMessage
	RequestID  string
	ClientAddr string
	PrevHash   string
	Hash       string
}

// Canonical returns the bytes an entry's hash covers: a JSON object of seq,
// id, at, actor_id, actor, role, action, target_type, target_id, before,
// after, request_id and client_addr (not prev_hash or hash) with keys sorted,
// no insignificant whitespace and no HTML escaping. Numbers inside before and
// after stay as written; absent before/after are null; at is formatted with
// TimeLayout (any sub-microsecond part is cut off, as the stores do). Strings
// must be valid UTF-8, because invalid bytes would be replaced silently and
// two different entries could then share one canonical form.
func Canonical(e Entry) ([]byte, error) {
	if err := checkUTF8(e); err != nil {
		return nil, err
	}
	before, err := decodeValue(e.Before)
	if err != nil {
		return nil, fmt.Errorf("audit entry before: %w", err)
	}
	after, err := decodeValue(e.After)
	if err != nil {
		return nil, fmt.Errorf("audit entry after: %w", err)
	}
	// encoding/json writes map keys sorted, which is the canonical order.
	return marshalCanonical(map[string]any{
		"seq":         e.Seq,
		"id":          e.ID,
		"at":          e.At.UTC().Format(TimeLayout),
		"actor_id":    e.ActorID,
		"actor":       e.Actor,
		"role":        e.Role,
		"action":      e.Action,
		"target_type": e.TargetType,
		"target_id":   e.TargetID,
		"before":      before,
		"after":       after,
		"request_id":  e.RequestID,
		"client_addr": e.ClientAddr,
	})
}

func checkUTF8(e Entry) error {
	fields := []struct{ name, value string }{
		{"id", e.ID}, {"actor_id", e.ActorID}, {"actor", e.Actor}, {"role", e.Role},
		{"action", e.Action}, {"target_type", e.TargetType}, {"target_id", e.TargetID},
		{"request_id", e.RequestID}, {"client_addr", e.ClientAddr},
	}
	for _, f := range fields {
		if !utf8.ValidString(f.value) {
			return fmt.Errorf("audit entry %s is not valid UTF-8", f.name)
		}
	}
	return nil
}

// ComputeHash returns hex(SHA-256(prevHash || Canonical(e))), prevHash taken
// as its 64 lowercase hex characters.
func ComputeHash(prevHash string, e Entry) (string, error) {
	if !IsHash(prevHash) {
		return "", fmt.Errorf("prev hash %q is not 64 lowercase hex characters", prevHash)
	}
	c, err := Canonical(e)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(prevHash))
	h.Write(c)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// IsHash reports whether s looks like a chain hash: 64 lowercase hex characters.
func IsHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// CanonicalJSON re-encodes one JSON value canonically (object keys sorted, no
// insignificant whitespace, no HTML escaping, numbers as written). Empty input
// and a literal null both give nil, so "absent" has one representation.
// Storing the canonical form means what is read back is exactly what was
// hashed.
func CanonicalJSON(raw json.RawMessage) (json.RawMessage, error) {
	v, err := decodeValue(raw)
	if err != nil || v == nil {
		return nil, err
	}
	return marshalCanonical(v)
}

// decodeValue parses one JSON value keeping numbers as written. Empty input
// and null give nil.
func decodeValue(raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, nil
	}
	if !utf8.Valid(raw) {
		return nil, errors.New("JSON is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid JSON: more than one value")
	}
	return v, nil
}

// marshalCanonical encodes v with sorted map keys, without HTML escaping and
// without the encoder's trailing newline.
func marshalCanonical(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode canonical JSON: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
