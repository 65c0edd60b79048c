package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Diff marshals before and after (structs with json tags, or maps; either
// may be nil) to JSON objects and keeps only the keys whose values differ,
// so an entry records what changed and not the whole record:
//
//   - create (before nil): nil and every field of after;
//   - delete (after nil): every field of before and nil;
//   - update: the changed keys on each side; a key present on one side only
//     appears on that side only; when nothing changed both are {}.
//
// Both results are canonical JSON. Fields that must never reach the trail
// (password hashes, tokens) must be left out of the values passed in, e.g.
// with `json:"-"`.
func Diff(before, after any) (json.RawMessage, json.RawMessage, error) {
	// A creation or a deletion keeps every key: no values to compare.
	if isNil(before) || isNil(after) {
		b, err := wholeObject(before)
		if err != nil {
			return nil, nil, fmt.Errorf("diff before: %w", err)
		}
		a, err := wholeObject(after)
		if err != nil {
			return nil, nil, fmt.Errorf("diff after: %w", err)
		}
		return b, a, nil
	}
	b, err := toObject(before)
	if err != nil {
		return nil, nil, fmt.Errorf("diff before: %w", err)
	}
	a, err := toObject(after)
	if err != nil {
		return nil, nil, fmt.Errorf("diff after: %w", err)
	}
	switch {
	case b == nil && a == nil:
		return nil, nil, nil
	case b == nil:
		out, err := a.encode(nil)
		return nil, out, err
	case a == nil:
		out, err := b.encode(nil)
		return out, nil, err
	}
	bOut, err := b.encode(a)
	if err != nil {
		return nil, nil, err
	}
	aOut, err := a.encode(b)
	if err != nil {
		return nil, nil, err
	}
	return bOut, aOut, nil
}

// object is a decoded JSON object with each value's canonical encoding, so
// values compare independently of key order inside nested objects.
type object map[string]objectValue

type objectValue struct {
	value     any
	canonical []byte
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Map) && rv.IsNil()
}

// decodeObject marshals v and decodes it as a JSON object; nil (or a nil
// pointer, map or JSON null) gives nil.
func decodeObject(v any) (map[string]any, error) {
	if isNil(v) {
		return nil, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	decoded, err := decodeValue(raw)
	if err != nil || decoded == nil {
		return nil, err
	}
	m, ok := decoded.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%T does not marshal to a JSON object", v)
	}
	return m, nil
}

// wholeObject is v as a canonical JSON object, every key; nil for nil.
//
// A creation's history entry is the whole record, written for every row of
// an import, so this takes one encoding and a scan of the top level instead
// of decoding every value: a value the encoder wrote is already canonical
// unless it holds an object (whose keys might not be sorted), and only such
// values are decoded and written again.
func wholeObject(v any) (json.RawMessage, error) {
	if isNil(v) {
		return nil, nil
	}
	raw, err := marshalCanonical(v)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	members, ok := topLevel(raw)
	if !ok {
		// Not an object, or keys with escapes (whose order needs them
		// decoded): the general path.
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil {
			return nil, fmt.Errorf("%T does not marshal to a JSON object", v)
		}
		for k, val := range fields {
			key, err := marshalCanonical(k)
			if err != nil {
				return nil, err
			}
			members = append(members, member{key: key, name: k, value: val})
		}
	}
	slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.name, b.name) })
	out := make([]byte, 0, len(raw)+2)
	out = append(out, '{')
	for i, m := range members {
		if i > 0 {
			out = append(out, ',')
		}
		val := m.value
		if bytes.IndexByte(val, '{') >= 0 {
			if val, err = canonicalValue(val); err != nil {
				return nil, err
			}
		}
		out = append(append(append(out, m.key...), ':'), val...)
	}
	return append(out, '}'), nil
}

// member is one key of a JSON object: the key as encoded, its text, and
// the encoded value.
type member struct {
	key   []byte
	name  string
	value []byte
}

// topLevel splits the encoder's compact output of an object into its
// members without decoding the values. It reports false when raw is not an
// object or a key holds an escape (its text then needs decoding).
func topLevel(raw []byte) ([]member, bool) {
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return nil, false
	}
	var out []member
	i := 1
	for i < len(raw)-1 {
		if raw[i] == ',' {
			i++
		}
		if raw[i] != '"' {
			return nil, false
		}
		end := bytes.IndexByte(raw[i+1:], '"')
		if end < 0 {
			return nil, false
		}
		key := raw[i : i+end+2]
		if bytes.IndexByte(key, '\\') >= 0 {
			return nil, false
		}
		i += end + 2
		if i >= len(raw) || raw[i] != ':' {
			return nil, false
		}
		i++
		n := valueEnd(raw[i:])
		if n <= 0 {
			return nil, false
		}
		out = append(out, member{key: key, name: string(key[1 : len(key)-1]), value: raw[i : i+n]})
		i += n
	}
	return out, true
}

// valueEnd is the length of the encoded JSON value that starts b, which
// the encoder wrote (so it is valid and compact); 0 if it does not end.
func valueEnd(b []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString:
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
				if depth == 0 {
					return i + 1
				}
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return i // the end of the enclosing object
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case c == ',' && depth == 0:
			return i
		}
	}
	return 0
}

// canonicalValue writes encoded JSON again in canonical form.
func canonicalValue(raw json.RawMessage) (json.RawMessage, error) {
	v, err := decodeValue(raw)
	if err != nil {
		return nil, err
	}
	return marshalCanonical(v)
}

// toObject is v as an object whose values compare by canonical encoding;
// nil for nil.
func toObject(v any) (object, error) {
	m, err := decodeObject(v)
	if m == nil || err != nil {
		return nil, err
	}
	out := make(object, len(m))
	for k, val := range m {
		c, err := marshalCanonical(val)
		if err != nil {
			return nil, err
		}
		out[k] = objectValue{value: val, canonical: c}
	}
	return out, nil
}

// encode writes the keys of o whose values differ from other (all keys when
// other is nil) as a canonical JSON object.
func (o object) encode(other object) (json.RawMessage, error) {
	keep := map[string]any{}
	for k, v := range o {
		if w, ok := other[k]; other == nil || !ok || !bytes.Equal(v.canonical, w.canonical) {
			keep[k] = v.value
		}
	}
	return marshalCanonical(keep)
}
