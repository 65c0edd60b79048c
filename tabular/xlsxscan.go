package tabular

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads the elements of a worksheet or shared-string table one
// tag at a time, straight from the decompressing reader. encoding/xml
// builds a token, its name and attributes for every element and spends
// most of a large import doing so; a worksheet needs only <row>, <c> and
// the text of <v> and <t>, so this reads tags in place from a buffer. It
// understands elements, attributes, character and entity references,
// CDATA, comments, processing instructions and a DOCTYPE; it checks
// neither namespaces nor well-formedness beyond what it needs to find the
// next tag.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // buf[pos:end] is read and not yet scanned
	rerr     error // what r returned last; io.EOF at the end
	limit    int   // the longest tag or text run held at once

	// The tag last read by next.
	kind  tagKind
	name  []byte // the local name, without a prefix
	attrs []byte // the raw attributes
}

type tagKind uint8

const (
	tagStart tagKind = iota + 1
	tagEnd
	tagEmpty // <x/>
)

var errXMLTooLong = errors.New("XML tag or text too long")

func newXMLScanner(r io.Reader, limit int) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 64<<10), limit: limit}
}

// fill reads more into the buffer, keeping buf[pos:end]; it grows the
// buffer when it is full, up to limit.
func (s *xmlScanner) fill() error {
	if s.rerr != nil {
		return s.rerr
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.limit {
			return errXMLTooLong
		}
		grown := make([]byte, min(2*len(s.buf), s.limit))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return io.ErrNoProgress
}

// unexpected turns the end of the input inside a construct into an error.
func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// next reads up to and including the next element tag, skipping text,
// comments and the like. It returns io.EOF at the end of the input.
func (s *xmlScanner) next() error {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.pos = s.end
			if err := s.fill(); err != nil {
				return err
			}
			continue
		}
		s.pos += i
		isTag, err := s.markup()
		if err != nil || isTag {
			return err
		}
	}
}

// markup reads the construct starting with the '<' at pos. It reports
// whether it was an element tag (then in kind, name and attrs); anything
// else is skipped.
func (s *xmlScanner) markup() (bool, error) {
	for {
		n, err := s.markupLen()
		if err != nil {
			return false, err
		}
		if n == 0 {
			if err := s.fill(); err != nil {
				return false, unexpected(err)
			}
			continue
		}
		b := s.buf[s.pos : s.pos+n]
		s.pos += n
		if b[1] == '!' || b[1] == '?' {
			return false, nil
		}
		s.parseTag(b)
		return true, nil
	}
}

// markupLen measures the construct at pos; 0 means it does not end within
// the buffer yet.
func (s *xmlScanner) markupLen() (int, error) {
	b := s.buf[s.pos:s.end]
	if len(b) < 2 {
		if s.rerr != nil {
			return 0, io.ErrUnexpectedEOF
		}
		return 0, nil
	}
	if b[1] != '!' && b[1] != '?' {
		return tagLen(b), nil
	}
	if len(b) < 9 && s.rerr == nil {
		return 0, nil // room for the longest opening, <![CDATA[
	}
	closer := func(open, close string) int {
		if i := bytes.Index(b[len(open):], []byte(close)); i >= 0 {
			return len(open) + i + len(close)
		}
		return 0
	}
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		return closer("<!--", "-->"), nil
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		return closer("<![CDATA[", "]]>"), nil
	case b[1] == '?':
		return closer("<?", "?>"), nil
	}
	// <!DOCTYPE …>, perhaps with an internal subset in brackets.
	if i := bytes.IndexAny(b, "[>"); i >= 0 && b[i] == '[' {
		return closer("<!", "]>"), nil
	}
	return closer("<!", ">"), nil
}

// tagLen measures the element tag at the start of b, whose attribute
// values may hold a '>'; 0 means it does not end within b.
func tagLen(b []byte) int {
	i := bytes.IndexByte(b, '>')
	if i < 0 {
		return 0
	}
	// Usually no quoted value hides a '>': the quotes before the first
	// '>' pair up.
	if bytes.IndexByte(b[:i], '\'') < 0 && bytes.Count(b[:i], []byte{'"'})%2 == 0 {
		return i + 1
	}
	var quote byte
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return 0
}

// parseTag sets kind, name and attrs from a whole tag, <…>.
func (s *xmlScanner) parseTag(b []byte) {
	b = b[1 : len(b)-1]
	s.kind = tagStart
	if len(b) > 0 && b[0] == '/' {
		s.kind, b = tagEnd, b[1:]
	} else if len(b) > 0 && b[len(b)-1] == '/' {
		s.kind, b = tagEmpty, b[:len(b)-1]
	}
	n := 0
	for n < len(b) && !isXMLSpace(b[n]) {
		n++
	}
	s.name, s.attrs = b[:n], b[n:]
	if i := bytes.IndexByte(s.name, ':'); i >= 0 {
		s.name = s.name[i+1:]
	}
}

// is reports whether the tag last read is of kind k and named name.
func (s *xmlScanner) is(k tagKind, name string) bool {
	return s.kind == k && string(s.name) == name
}

// attr returns the value of the last tag's attribute with local name
// key, with references decoded.
func (s *xmlScanner) attr(key string) ([]byte, bool) {
	var v [1][]byte
	n := s.attrsOf([]string{key}, v[:])
	return v[0], n > 0
}

// attrsOf sets vals[i] to the value of the last tag's attribute with local
// name keys[i] (nil if absent), in one pass over the attributes; it
// returns how many it found.
func (s *xmlScanner) attrsOf(keys []string, vals [][]byte) int {
	clear(vals)
	found := 0
	b := s.attrs
	for {
		i := 0
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		b = b[i:]
		eq := bytes.IndexByte(b, '=')
		if eq < 0 {
			return found
		}
		name := b[:eq]
		for len(name) > 0 && isXMLSpace(name[len(name)-1]) {
			name = name[:len(name)-1]
		}
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		rest := b[eq+1:]
		for len(rest) > 0 && isXMLSpace(rest[0]) {
			rest = rest[1:]
		}
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return found
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return found
		}
		for k, key := range keys {
			if vals[k] == nil && string(name) == key {
				v := rest[1 : 1+end]
				if bytes.IndexByte(v, '&') >= 0 {
					v, _ = appendText(nil, v, true)
				}
				if v == nil {
					v = []byte{}
				}
				vals[k] = v
				found++
			}
		}
		b = rest[end+2:]
	}
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// skip reads past the end of the element whose start tag was read last.
func (s *xmlScanner) skip() error {
	if s.kind != tagStart {
		return nil
	}
	for depth := 1; depth > 0; {
		if err := s.next(); err != nil {
			return unexpected(err)
		}
		switch s.kind {
		case tagStart:
			depth++
		case tagEnd:
			depth--
		}
	}
	return nil
}

// text appends to dst the character data of the element whose start tag
// was read last, reading past its end tag; the text of nested elements is
// left out, as encoding/xml leaves it out of a string field.
func (s *xmlScanner) text(dst []byte) ([]byte, error) {
	if s.kind != tagStart {
		return dst, nil
	}
	start := len(dst)
	for depth := 0; ; {
		seg := s.buf[s.pos:s.end]
		i := bytes.IndexByte(seg, '<')
		if i >= 0 {
			seg = seg[:i]
		}
		n := len(seg)
		if depth == 0 {
			dst, n = appendText(dst, seg, i >= 0)
		}
		s.pos += n
		if len(dst)-start > s.limit {
			return dst, errXMLTooLong
		}
		if i < 0 || n < len(seg) {
			if err := s.fill(); err != nil {
				return dst, unexpected(err)
			}
			continue
		}
		// At a '<': CDATA is text, anything else markup.
		if s.end-s.pos < 2 || s.buf[s.pos+1] == '!' {
			n, err := s.markupLen()
			if err != nil {
				return dst, err
			}
			if n == 0 {
				if err := s.fill(); err != nil {
					return dst, unexpected(err)
				}
				continue
			}
			if m := s.buf[s.pos : s.pos+n]; bytes.HasPrefix(m, []byte("<![CDATA[")) {
				s.pos += n
				if depth == 0 {
					dst = appendNewlines(dst, m[9:len(m)-3])
				}
				continue
			}
		}
		isTag, err := s.markup()
		if err != nil {
			return dst, err
		}
		if !isTag {
			continue
		}
		switch s.kind {
		case tagStart:
			depth++
		case tagEnd:
			if depth == 0 {
				return dst, nil
			}
			depth--
		}
	}
}

// appendText decodes character data: references, and line ends as XML
// normalizes them (\r\n and a lone \r become \n). Unless final, it stops
// before a reference or \r that the buffer may cut, and says how much of b
// it used. A reference it does not know is kept as it is written.
func appendText(dst, b []byte, final bool) ([]byte, int) {
	for i := 0; i < len(b); {
		j := bytes.IndexAny(b[i:], "&\r")
		if j < 0 {
			return append(dst, b[i:]...), len(b)
		}
		dst = append(dst, b[i:i+j]...)
		i += j
		if b[i] == '\r' {
			if i+1 == len(b) && !final {
				return dst, i
			}
			dst = append(dst, '\n')
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
			continue
		}
		semi := bytes.IndexByte(b[i:min(len(b), i+12)], ';')
		if semi < 0 {
			if !final && len(b)-i < 12 {
				return dst, i
			}
			dst = append(dst, '&')
			i++
			continue
		}
		if r, ok := reference(b[i+1 : i+semi]); ok {
			dst = utf8.AppendRune(dst, r)
		} else {
			dst = append(dst, b[i:i+semi+1]...)
		}
		i += semi + 1
	}
	return dst, len(b)
}

// appendNewlines appends CDATA, normalizing its line ends.
func appendNewlines(dst, b []byte) []byte {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		dst = append(dst, '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

// reference decodes the name of an entity or character reference.
func reference(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if name[1] == 'x' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}
