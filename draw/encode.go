package draw

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// MarshalJSON writes the document of spec §7 in the spec's key order. A
// hand-written encoder, because a million population entries through
// reflection cost several times as much, and because it refuses invalid
// UTF-8 instead of silently replacing it: a document must carry every string
// exactly as it was hashed.
func (ev Evidence) MarshalJSON() ([]byte, error) {
	return ev.AppendJSON(make([]byte, 0, 1024+48*len(ev.Population)+160*len(ev.Selections)))
}

// AppendJSON appends the JSON document to dst.
func (ev *Evidence) AppendJSON(dst []byte) ([]byte, error) {
	e := encoder{b: dst}
	e.raw(`{"algorithm":`)
	e.str(ev.Algorithm)
	e.strField("plan_uid", ev.PlanUID)
	e.strField("commitment", ev.Commitment)
	e.strField("entropy_source", ev.EntropySource)
	e.strField("freeze_digest", ev.FreezeDigest)
	e.strField("rules_digest", ev.RulesDigest)
	e.strField("teams_digest", ev.TeamsDigest)
	e.strField("population_digest", ev.PopulationDigest)
	e.intField("population_size", ev.PopulationSize)
	e.strField("reveal", ev.Reveal)
	e.strField("entropy", ev.Entropy)
	e.strField("seed", ev.Seed)
	e.raw(`,"strata":[`)
	for i, s := range ev.Strata {
		e.comma(i)
		e.stratum(s)
	}
	e.raw("]")
	if ev.Population != nil {
		e.raw(`,"population":[`)
		for i, p := range ev.Population {
			e.comma(i)
			e.raw(`{"stratum":`)
			e.str(p.Stratum)
			e.strField("uid", p.UID)
			e.raw("}")
		}
		e.raw("]")
	}
	e.raw(`,"selections":[`)
	for i, s := range ev.Selections {
		e.comma(i)
		e.selection(s)
	}
	e.raw("]")
	if ev.Departments != nil {
		e.raw(`,"departments":[`)
		for i, d := range ev.Departments {
			e.comma(i)
			e.raw(`{"code":`)
			e.str(d.Code)
			e.intField("per_team", d.PerTeam)
			e.raw(`,"pool":`)
			e.strs(d.Pool)
			e.raw("}")
		}
		e.raw("]")
	}
	if ev.Conflicts != nil {
		e.raw(`,"conflicts":[`)
		for i, c := range ev.Conflicts {
			e.comma(i)
			e.conflict(c)
		}
		e.raw("]")
	}
	e.raw(`,"cap":`)
	if ev.Cap == nil {
		e.raw("null")
	} else {
		e.int(*ev.Cap)
	}
	e.raw("}")
	if e.err != nil {
		return nil, fmt.Errorf("draw: encoding evidence: %w", e.err)
	}
	return e.b, nil
}

// MarshalJSON writes a selection; stratum and key only when present.
func (s Selection) MarshalJSON() ([]byte, error) {
	e := encoder{}
	e.selection(s)
	return e.b, e.err
}

// MarshalJSON writes the conflict as [inspector, object].
func (c Conflict) MarshalJSON() ([]byte, error) {
	e := encoder{}
	e.conflict(c)
	return e.b, e.err
}

// UnmarshalJSON reads [inspector, object], exactly two strings.
func (c *Conflict) UnmarshalJSON(b []byte) error {
	var pair []string
	if err := json.Unmarshal(b, &pair); err != nil {
		return fmt.Errorf("draw: conflict: %w", err)
	}
	if len(pair) != 2 {
		return fmt.Errorf("draw: conflict: want [inspector, object], got %d elements", len(pair))
	}
	c.Inspector, c.Object = pair[0], pair[1]
	return nil
}

// MarshalJSON writes the key as a decimal string.
func (k Key) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, 22), '"')
	b = strconv.AppendUint(b, uint64(k), 10)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a decimal string without sign or leading zeros. A JSON
// number is refused: it may already have lost precision on the way.
func (k *Key) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) == 0 || b[0] != '"' {
		return errors.New("draw: a key must be a decimal string, not a number")
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("draw: key: %w", err)
	}
	v, err := parseKey(s)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

func parseKey(s string) (Key, error) {
	if s == "" || len(s) > 20 || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("draw: key %q is not a decimal without sign or leading zeros", s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("draw: key %q is not a decimal without sign or leading zeros", s)
		}
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("draw: key %q is above 2^64-1", s)
	}
	return Key(v), nil
}

// UnmarshalJSON reads a department of an input. per_team may be left out
// (the default of spec §4); an explicit per_team below 1 is refused rather
// than mistaken for "left out".
func (d *Department) UnmarshalJSON(b []byte) error {
	var aux struct {
		Code    string   `json:"code"`
		PerTeam *int64   `json:"per_team"`
		Pool    []string `json:"pool"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&aux); err != nil {
		return fmt.Errorf("draw: department: %w", err)
	}
	*d = Department{Code: aux.Code, Pool: aux.Pool}
	if aux.PerTeam != nil {
		if *aux.PerTeam < 1 {
			return refuse(BadPerTeam, "per_team", "%d in department %q", *aux.PerTeam, aux.Code)
		}
		d.PerTeam = *aux.PerTeam
	}
	return nil
}

// DecodeInput reads an input in the JSON form of the test vectors. Unknown
// keys are errors, and so is invalid UTF-8 (the standard decoder would
// quietly replace it, and the draw would hash something else than was sent).
func DecodeInput(b []byte) (Input, error) {
	if !utf8.Valid(b) {
		return Input{}, refuse(BadString, "input", "not valid UTF-8")
	}
	var in Input
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return Input{}, fmt.Errorf("draw: decoding input: %w", err)
	}
	if dec.More() {
		return Input{}, errors.New("draw: decoding input: data after the input object")
	}
	return in, nil
}

// encoder appends compact JSON and remembers the first error.
type encoder struct {
	b   []byte
	err error
}

func (e *encoder) raw(s string) { e.b = append(e.b, s...) }

func (e *encoder) comma(i int) {
	if i > 0 {
		e.b = append(e.b, ',')
	}
}

func (e *encoder) int(v int64) { e.b = strconv.AppendInt(e.b, v, 10) }

func (e *encoder) strField(name, v string) {
	e.b = append(e.b, ',', '"')
	e.b = append(e.b, name...)
	e.b = append(e.b, '"', ':')
	e.str(v)
}

func (e *encoder) intField(name string, v int64) {
	e.b = append(e.b, ',', '"')
	e.b = append(e.b, name...)
	e.b = append(e.b, '"', ':')
	e.int(v)
}

func (e *encoder) strs(list []string) {
	e.b = append(e.b, '[')
	for i, s := range list {
		e.comma(i)
		e.str(s)
	}
	e.b = append(e.b, ']')
}

func (e *encoder) stratum(s Stratum) {
	e.raw(`{"label":`)
	e.str(s.Label)
	if s.RatioBP != nil {
		e.intField("ratio_bp", *s.RatioBP)
	}
	if s.Count != nil {
		e.intField("count", *s.Count)
	}
	e.intField("size", s.Size)
	e.intField("sample_size", s.SampleSize)
	e.raw("}")
}

func (e *encoder) selection(s Selection) {
	e.raw(`{"rank":`)
	e.int(s.Rank)
	if s.Stratum != "" {
		e.strField("stratum", s.Stratum)
	}
	e.strField("uid", s.UID)
	if s.Stratum != "" {
		e.raw(`,"key":"`)
		e.b = strconv.AppendUint(e.b, uint64(s.Key), 10)
		e.raw(`"`)
	}
	e.raw(`,"team":`)
	e.strs(s.Team)
	e.raw("}")
}

func (e *encoder) conflict(c Conflict) {
	e.b = append(e.b, '[')
	e.str(c.Inspector)
	e.b = append(e.b, ',')
	e.str(c.Object)
	e.b = append(e.b, ']')
}

// str appends a JSON string. Only '"', '\' and control bytes need escapes;
// everything else, Chinese included, is written as its UTF-8 bytes.
func (e *encoder) str(s string) {
	if !utf8.ValidString(s) && e.err == nil {
		e.err = fmt.Errorf("string %q is not valid UTF-8", s)
	}
	e.b = append(e.b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		e.b = append(e.b, s[start:i]...)
		switch c {
		case '"', '\\':
			e.b = append(e.b, '\\', c)
		case '\n':
			e.b = append(e.b, '\\', 'n')
		case '\t':
			e.b = append(e.b, '\\', 't')
		case '\r':
			e.b = append(e.b, '\\', 'r')
		default:
			const hexDigits = "0123456789abcdef"
			e.b = append(e.b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	e.b = append(e.b, s[start:]...)
	e.b = append(e.b, '"')
}
