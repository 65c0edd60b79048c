package draw

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// DecodeEvidence parses an evidence document strictly, in one pass and in
// time linear in its size:
//
//   - every key of an object is known and appears once (a repeated key could
//     mean one thing to this verifier and another to the next);
//   - keys are decimal strings, never numbers; other integers are integers
//     (no fraction, no exponent) within ±(2^53−1); null only for cap;
//   - strings are valid UTF-8 with no lone surrogate escapes: the standard
//     decoder would replace those with U+FFFD and verify something else than
//     was published.
//
// A selection carries both stratum and key or neither. Unescaped strings
// are substrings of one copy of doc, so a million uids cost no allocation
// each.
func DecodeEvidence(doc []byte) (Evidence, error) {
	p := parser{s: string(doc)}
	ev, err := p.document()
	if err != nil {
		return Evidence{}, fmt.Errorf("draw: evidence document: %w", err)
	}
	return ev, nil
}

// UnmarshalJSON decodes strictly, as DecodeEvidence.
func (ev *Evidence) UnmarshalJSON(b []byte) error {
	d, err := DecodeEvidence(b)
	if err != nil {
		return err
	}
	*ev = d
	return nil
}

type parser struct {
	s string
	i int
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *parser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) expect(c byte) error {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return nil
	}
	return p.errorf("expected %q", c)
}

// next reports whether another element follows in an object or array whose
// opening bracket was read; it consumes the ',' or the closing bracket.
func (p *parser) next(first bool, closing byte) (bool, error) {
	p.ws()
	if p.i >= len(p.s) {
		return false, p.errorf("unexpected end of document")
	}
	c := p.s[p.i]
	switch {
	case c == closing:
		p.i++
		return false, nil
	case first:
		return true, nil
	case c == ',':
		p.i++
		return true, nil
	}
	return false, p.errorf("expected ',' or %q", closing)
}

// field reads the next key of an object and its ':'; more is false at '}'.
func (p *parser) field(first bool) (name string, more bool, err error) {
	if more, err = p.next(first, '}'); !more || err != nil {
		return "", more, err
	}
	if name, err = p.str(); err != nil {
		return "", false, err
	}
	return name, true, p.expect(':')
}

// seen records the keys of one object and refuses repeats.
type seen uint32

func (s *seen) add(p *parser, bit uint32, name string) error {
	if uint32(*s)&bit != 0 {
		return p.errorf("key %q appears twice", name)
	}
	*s |= seen(bit)
	return nil
}

func (p *parser) str() (string, error) {
	p.ws()
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", p.errorf("expected a string")
	}
	start := p.i + 1
	ascii := true
	for j := start; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '"':
			v := p.s[start:j]
			if !ascii && !utf8.ValidString(v) {
				return "", p.errorf("string is not valid UTF-8")
			}
			p.i = j + 1
			return v, nil
		case c == '\\':
			return p.escapedStr(start)
		case c < 0x20:
			p.i = j
			return "", p.errorf("control byte in a string")
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", p.errorf("unterminated string")
}

// escapedStr is the slow path of str for strings with backslash escapes.
func (p *parser) escapedStr(start int) (string, error) {
	var b []byte
	j := start
	for j < len(p.s) {
		c := p.s[j]
		switch {
		case c == '"':
			p.i = j + 1
			if !utf8.Valid(b) {
				return "", p.errorf("string is not valid UTF-8")
			}
			return string(b), nil
		case c < 0x20:
			p.i = j
			return "", p.errorf("control byte in a string")
		case c != '\\':
			b = append(b, c)
			j++
			continue
		}
		if j+1 >= len(p.s) {
			break
		}
		j++
		switch e := p.s[j]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, n, err := p.unicodeEscape(j - 1)
			if err != nil {
				return "", err
			}
			b = utf8.AppendRune(b, r)
			j += n - 2
		default:
			p.i = j
			return "", p.errorf("unknown escape \\%c", e)
		}
		j++
	}
	p.i = j
	return "", p.errorf("unterminated string")
}

// unicodeEscape reads \uXXXX at at, or a surrogate pair \uXXXX\uXXXX, and
// returns the rune and the number of bytes read. A lone surrogate is an
// error: it is not a character and has no UTF-8 form.
func (p *parser) unicodeEscape(at int) (rune, int, error) {
	r1, ok := p.hex4(at)
	if !ok {
		p.i = at
		return 0, 0, p.errorf("bad \\u escape")
	}
	if !utf16.IsSurrogate(r1) {
		return r1, 6, nil
	}
	if r2, ok := p.hex4(at + 6); ok {
		if r := utf16.DecodeRune(r1, r2); r != utf8.RuneError {
			return r, 12, nil
		}
	}
	p.i = at
	return 0, 0, p.errorf("lone surrogate in \\u escape")
}

func (p *parser) hex4(at int) (rune, bool) {
	if at+6 > len(p.s) || p.s[at] != '\\' || p.s[at+1] != 'u' {
		return 0, false
	}
	v, err := strconv.ParseUint(p.s[at+2:at+6], 16, 32)
	return rune(v), err == nil
}

// integer reads a JSON integer within ±(2^53−1).
func (p *parser) integer() (int64, error) {
	p.ws()
	start := p.i
	if p.i < len(p.s) && p.s[p.i] == '-' {
		p.i++
	}
	digits := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	n := p.i - digits
	switch {
	case n == 0:
		return 0, p.errorf("expected an integer")
	case n > 1 && p.s[digits] == '0':
		return 0, p.errorf("leading zero in a number")
	case p.i < len(p.s) && (p.s[p.i] == '.' || p.s[p.i] == 'e' || p.s[p.i] == 'E'):
		return 0, p.errorf("expected an integer, not a fraction or exponent")
	case n > 16:
		return 0, p.errorf("number beyond 2^53-1")
	}
	v, err := strconv.ParseInt(p.s[start:p.i], 10, 64)
	if err != nil || v > maxSafe || v < -maxSafe {
		return 0, p.errorf("number beyond 2^53-1")
	}
	return v, nil
}

func (p *parser) optionalInt() (*int64, error) {
	p.ws()
	if len(p.s)-p.i >= 4 && p.s[p.i:p.i+4] == "null" {
		p.i += 4
		return nil, nil
	}
	v, err := p.integer()
	return &v, err
}

func (p *parser) key() (Key, error) {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] != '"' {
		return 0, p.errorf("a key must be a decimal string, not a number")
	}
	s, err := p.str()
	if err != nil {
		return 0, err
	}
	k, err := parseKey(s)
	if err != nil {
		return 0, p.errorf("%v", err)
	}
	return k, nil
}

func (p *parser) strings() ([]string, error) {
	if err := p.expect('['); err != nil {
		return nil, err
	}
	out := []string{}
	for first := true; ; first = false {
		more, err := p.next(first, ']')
		if err != nil {
			return nil, err
		}
		if !more {
			return out, nil
		}
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

// array calls item for each element of an array.
func (p *parser) array(item func() error) error {
	if err := p.expect('['); err != nil {
		return err
	}
	for first := true; ; first = false {
		more, err := p.next(first, ']')
		if err != nil || !more {
			return err
		}
		if err := item(); err != nil {
			return err
		}
	}
}

// The keys of the top-level object, one bit each.
const (
	kAlgorithm uint32 = 1 << iota
	kPlanUID
	kCommitment
	kEntropySource
	kFreezeDigest
	kRulesDigest
	kTeamsDigest
	kPopulationDigest
	kPopulationSize
	kReveal
	kEntropy
	kSeed
	kStrata
	kPopulation
	kSelections
	kDepartments
	kConflicts
	kCap

	kAll      = kCap<<1 - 1
	kOptional = kPopulation | kDepartments | kConflicts
)

func (p *parser) document() (Evidence, error) {
	var ev Evidence
	var keys seen
	if err := p.expect('{'); err != nil {
		return ev, err
	}
	for first := true; ; first = false {
		name, more, err := p.field(first)
		if err != nil {
			return ev, err
		}
		if !more {
			break
		}
		bit, err := p.topField(&ev, name)
		if err != nil {
			return ev, fmt.Errorf("%s: %w", name, err)
		}
		if err := keys.add(p, bit, name); err != nil {
			return ev, err
		}
	}
	if p.ws(); p.i != len(p.s) {
		return ev, p.errorf("data after the document")
	}
	if missing := kAll &^ kOptional &^ uint32(keys); missing != 0 {
		return ev, fmt.Errorf("required key missing (key set %#x)", missing)
	}
	return ev, nil
}

func (p *parser) topField(ev *Evidence, name string) (bit uint32, err error) {
	switch name {
	case "algorithm":
		ev.Algorithm, err = p.str()
		return kAlgorithm, err
	case "plan_uid":
		ev.PlanUID, err = p.str()
		return kPlanUID, err
	case "commitment":
		ev.Commitment, err = p.str()
		return kCommitment, err
	case "entropy_source":
		ev.EntropySource, err = p.str()
		return kEntropySource, err
	case "freeze_digest":
		ev.FreezeDigest, err = p.str()
		return kFreezeDigest, err
	case "rules_digest":
		ev.RulesDigest, err = p.str()
		return kRulesDigest, err
	case "teams_digest":
		ev.TeamsDigest, err = p.str()
		return kTeamsDigest, err
	case "population_digest":
		ev.PopulationDigest, err = p.str()
		return kPopulationDigest, err
	case "population_size":
		ev.PopulationSize, err = p.integer()
		return kPopulationSize, err
	case "reveal":
		ev.Reveal, err = p.str()
		return kReveal, err
	case "entropy":
		ev.Entropy, err = p.str()
		return kEntropy, err
	case "seed":
		ev.Seed, err = p.str()
		return kSeed, err
	case "strata":
		ev.Strata, err = p.strata()
		return kStrata, err
	case "population":
		ev.Population, err = p.population(ev.PopulationSize)
		return kPopulation, err
	case "selections":
		ev.Selections, err = p.selections()
		return kSelections, err
	case "departments":
		ev.Departments, err = p.departments()
		return kDepartments, err
	case "conflicts":
		ev.Conflicts, err = p.conflicts()
		return kConflicts, err
	case "cap":
		ev.Cap, err = p.optionalInt()
		return kCap, err
	}
	return 0, p.errorf("unknown key %q", name)
}

func (p *parser) strata() ([]Stratum, error) {
	out := []Stratum{}
	err := p.array(func() error {
		s, err := p.stratum()
		out = append(out, s)
		return err
	})
	return out, err
}

func (p *parser) stratum() (Stratum, error) {
	var s Stratum
	var keys seen
	const label, ratio, count, size, sample = 1, 2, 4, 8, 16
	if err := p.expect('{'); err != nil {
		return s, err
	}
	for first := true; ; first = false {
		name, more, err := p.field(first)
		if err != nil {
			return s, err
		}
		if !more {
			break
		}
		var bit uint32
		switch name {
		case "label":
			bit = label
			s.Label, err = p.str()
		case "ratio_bp":
			bit = ratio
			s.RatioBP, err = p.nonNullInt()
		case "count":
			bit = count
			s.Count, err = p.nonNullInt()
		case "size":
			bit = size
			s.Size, err = p.integer()
		case "sample_size":
			bit = sample
			s.SampleSize, err = p.integer()
		default:
			return s, p.errorf("unknown key %q in a stratum", name)
		}
		if err != nil {
			return s, err
		}
		if err := keys.add(p, bit, name); err != nil {
			return s, err
		}
	}
	if want := uint32(label | size | sample); uint32(keys)&want != want {
		return s, p.errorf("a stratum needs label, size and sample_size")
	}
	return s, nil
}

func (p *parser) nonNullInt() (*int64, error) {
	v, err := p.integer()
	return &v, err
}

// population reads the population. sizeHint (N, when it came first) sizes
// the slice once instead of doubling it twenty times; it is capped by what
// the rest of the document could hold, so a forged N costs nothing.
func (p *parser) population(sizeHint int64) ([]Entry, error) {
	const smallestEntry = len(`{"stratum":"x","uid":"y"},`)
	hint := min(max(sizeHint, 0), int64((len(p.s)-p.i)/smallestEntry))
	out := make([]Entry, 0, hint)
	if err := p.expect('['); err != nil {
		return nil, err
	}
	for first := true; ; first = false {
		more, err := p.next(first, ']')
		if err != nil {
			return nil, err
		}
		if !more {
			return out, nil
		}
		e, err := p.entry()
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", len(out), err)
		}
		out = append(out, e)
	}
}

func (p *parser) entry() (Entry, error) {
	var e Entry
	var keys seen
	if err := p.expect('{'); err != nil {
		return e, err
	}
	for first := true; ; first = false {
		name, more, err := p.field(first)
		if err != nil {
			return e, err
		}
		if !more {
			break
		}
		var bit uint32
		switch name {
		case "stratum":
			bit = 1
			e.Stratum, err = p.str()
		case "uid":
			bit = 2
			e.UID, err = p.str()
		default:
			return e, p.errorf("unknown key %q in a population entry", name)
		}
		if err != nil {
			return e, err
		}
		if err := keys.add(p, bit, name); err != nil {
			return e, err
		}
	}
	if keys != 3 {
		return e, p.errorf("a population entry needs stratum and uid")
	}
	return e, nil
}

func (p *parser) selections() ([]Selection, error) {
	out := []Selection{}
	err := p.array(func() error {
		s, err := p.selection()
		if err != nil {
			return fmt.Errorf("selection %d: %w", len(out)+1, err)
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

func (p *parser) selection() (Selection, error) {
	var s Selection
	var keys seen
	const rank, stratum, uid, key, team = 1, 2, 4, 8, 16
	if err := p.expect('{'); err != nil {
		return s, err
	}
	for first := true; ; first = false {
		name, more, err := p.field(first)
		if err != nil {
			return s, err
		}
		if !more {
			break
		}
		var bit uint32
		switch name {
		case "rank":
			bit = rank
			s.Rank, err = p.integer()
		case "stratum":
			bit = stratum
			if s.Stratum, err = p.str(); err == nil && s.Stratum == "" {
				err = p.errorf("empty stratum")
			}
		case "uid":
			bit = uid
			s.UID, err = p.str()
		case "key":
			bit = key
			s.Key, err = p.key()
		case "team":
			bit = team
			s.Team, err = p.strings()
		default:
			return s, p.errorf("unknown key %q in a selection", name)
		}
		if err != nil {
			return s, err
		}
		if err := keys.add(p, bit, name); err != nil {
			return s, err
		}
	}
	if want := uint32(rank | uid | team); uint32(keys)&want != want {
		return s, p.errorf("a selection needs rank, uid and team")
	}
	if hasStratum, hasKey := keys&stratum != 0, keys&key != 0; hasStratum != hasKey {
		return s, p.errorf("a selection has both stratum and key or neither")
	}
	return s, nil
}

func (p *parser) departments() ([]Department, error) {
	out := []Department{}
	err := p.array(func() error {
		d, err := p.department()
		out = append(out, d)
		return err
	})
	return out, err
}

func (p *parser) department() (Department, error) {
	var d Department
	var keys seen
	const code, perTeam, pool = 1, 2, 4
	if err := p.expect('{'); err != nil {
		return d, err
	}
	for first := true; ; first = false {
		name, more, err := p.field(first)
		if err != nil {
			return d, err
		}
		if !more {
			break
		}
		var bit uint32
		switch name {
		case "code":
			bit = code
			d.Code, err = p.str()
		case "per_team":
			bit = perTeam
			d.PerTeam, err = p.integer()
		case "pool":
			bit = pool
			d.Pool, err = p.strings()
		default:
			return d, p.errorf("unknown key %q in a department", name)
		}
		if err != nil {
			return d, err
		}
		if err := keys.add(p, bit, name); err != nil {
			return d, err
		}
	}
	if keys != code|perTeam|pool {
		return d, p.errorf("a department needs code, per_team and pool")
	}
	return d, nil
}

func (p *parser) conflicts() ([]Conflict, error) {
	out := []Conflict{}
	err := p.array(func() error {
		pair, err := p.strings()
		if err == nil && len(pair) != 2 {
			err = p.errorf("a conflict is [inspector, object]")
		}
		if err != nil {
			return err
		}
		out = append(out, Conflict{Inspector: pair[0], Object: pair[1]})
		return nil
	})
	return out, err
}
