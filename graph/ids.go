package graph

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/suiji-dev/suiji/fault"
)

// Public ids are opaque: base64url("Type:key"). Clients must not parse them;
// the type prefix lets node(id) find the record and stops an id of one kind
// being passed where another is expected.

func globalID(typ, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + key))
}

// localID decodes an opaque id of the given type, or answers BAD_USER_INPUT
// naming field.
func localID(field, typ, id string) (string, error) {
	t, key, ok := splitID(id)
	if !ok || t != typ {
		return "", fault.Invalid(field, "%s不是有效的%s编号 (%s is not a valid %s id)", field, typ, field, typ)
	}
	return key, nil
}

func splitID(id string) (typ, key string, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil {
		return "", "", false
	}
	typ, key, ok = strings.Cut(string(raw), ":")
	return typ, key, ok && typ != "" && key != ""
}

// Cursors are opaque too: base64url of the keyset position.

func cursor(pos string) string { return base64.RawURLEncoding.EncodeToString([]byte("c:" + pos)) }

func fromCursor(after *string) (string, error) {
	if after == nil || *after == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*after)
	if err != nil || !strings.HasPrefix(string(raw), "c:") {
		return "", fault.Invalid("after", "分页游标无效 (invalid cursor)")
	}
	return string(raw[2:]), nil
}

func seqCursor(after *string) (int64, error) {
	pos, err := fromCursor(after)
	if err != nil || pos == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(pos, 10, 64)
	if err != nil || n < 1 {
		return 0, fault.Invalid("after", "分页游标无效 (invalid cursor)")
	}
	return n, nil
}

// pageSize checks first: 0..max (0 asks for totalCount and pageInfo only),
// default def.
func pageSize(first *int, def, max int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > max {
		return 0, fault.Invalid("first", "每页条数应在0到%d之间 (first must be between 0 and %d)", max, max)
	}
	return *first, nil
}

// DrawNodeID is the opaque API id of a draw, for the portal's JSON that
// otherwise names draws by key (GET /public/draws).
func DrawNodeID(key string) string { return globalID("Draw", key) }
