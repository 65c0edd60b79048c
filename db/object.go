package db

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"
)

// Object is an entry of the object library (检查对象名录库).
type Object struct {
	bun.BaseModel `bun:"table:objects"`

	ID            string     `bun:"id,pk" json:"-"`
	UID           string     `bun:"uid" json:"uid"`
	Kind          string     `bun:"kind" json:"kind"`
	Name          string     `bun:"name" json:"name"`
	LegalRep      string     `bun:"legal_rep" json:"legalRepresentative"`
	Address       string     `bun:"address" json:"address"`
	RegionCode    string     `bun:"region_code" json:"regionCode"`
	IndustryCode  string     `bun:"industry_code" json:"industryCode"`
	RegStatus     string     `bun:"reg_status" json:"registrationStatus"`
	RiskClass     string     `bun:"risk_class" json:"riskClass"`
	RiskChangedAt *time.Time `bun:"risk_changed_at" json:"-"`
	RiskSource    string     `bun:"risk_source" json:"riskSource"`
	ContactName   string     `bun:"contact_name" json:"contactName"`
	ContactPhone  string     `bun:"contact_phone" json:"contactPhone"`
	Active        bool       `bun:"active" json:"active"`
	Version       int        `bun:"version" json:"-"`
	CreatedAt     time.Time  `bun:"created_at" json:"-"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"-"`
}

// ObjectRecord is an object with its links, as one compares and stores it.
type ObjectRecord struct {
	Object
	TagIDs        []string `json:"tagIds"`
	DepartmentIDs []string `json:"supervisingDepartmentIds"`
}

// ObjectFilter narrows an object listing. Empty fields do not filter.
type ObjectFilter struct {
	Kinds                   []string
	RiskClasses             []string
	TagsAny                 []string
	TagsAll                 []string
	RegionCode              string // exact, or a prefix
	IndustryCode            string // exact, or a prefix
	SupervisingDepartmentID string
	Active                  *bool
	Search                  string
}

func (f ObjectFilter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if len(f.Kinds) > 0 {
		q = q.Where("o.kind IN (?)", bun.In(f.Kinds))
	}
	if len(f.RiskClasses) > 0 {
		q = q.Where("o.risk_class IN (?)", bun.In(f.RiskClasses))
	}
	if len(f.TagsAny) > 0 {
		q = q.Where("EXISTS (SELECT 1 FROM object_tags AS ot WHERE ot.object_id = o.id AND ot.tag_id IN (?))", bun.In(f.TagsAny))
	}
	for _, tag := range f.TagsAll {
		q = q.Where("EXISTS (SELECT 1 FROM object_tags AS ot WHERE ot.object_id = o.id AND ot.tag_id = ?)", tag)
	}
	q = codePrefix(q, "o.region_code", f.RegionCode)
	q = codePrefix(q, "o.industry_code", f.IndustryCode)
	if f.SupervisingDepartmentID != "" {
		q = q.Where("EXISTS (SELECT 1 FROM object_departments AS od WHERE od.object_id = o.id AND od.department_id = ?)", f.SupervisingDepartmentID)
	}
	if f.Active != nil {
		q = q.Where("o.active = ?", *f.Active)
	}
	return q
}

// codePrefix matches a code exactly, or every code that starts with it.
func codePrefix(q *bun.SelectQuery, column, code string) *bun.SelectQuery {
	if code == "" {
		return q
	}
	return q.Where("(? = ? OR ? LIKE ? ESCAPE '\\')", bun.Safe(column), code, bun.Safe(column), escapeLike(code)+"%")
}

// The search. A name fragment of two characters or more is found through
// object_grams: one row per distinct character bigram of each name, carrying
// the object's uid. The query walks the postings of one bigram of the
// fragment in uid order, the order of the list, and confirms each candidate
// with the name itself, so it stops as soon as a page is full: a common
// bigram fills the page at once, a rare one has a short list. It drives from
// the fragment's least common bigram by a fixed list of bigrams that most
// company names share. A single character is matched on the name alone; a
// long alphanumeric query (8 characters or more) is taken as the start of a
// uid.
//
// On SQLite the postings are kept in an FTS5 index instead (migration
// 0009): one row per object whose tokens are its posting bigrams. FTS5
// returns the objects holding every bigram of the fragment, in no useful
// order, so there a search whose bigrams occur together in at most
// sparseMatches names takes those objects and orders them by uid, and a
// denser one walks the objects in uid order, where it meets a match at
// least every few rows at the library sizes the embedded store is for.

// stopGrams are the bigrams of the legal-form words that most names of
// market entities end with (有限公司, 股份有限公司, 有限责任公司). They get no
// postings: a list holding most of the library would cost about a fifth of
// an import's postings and could not narrow a search. A fragment made of
// them only is matched by walking the objects in uid order, where most
// names match at once.
var stopGrams = map[string]bool{
	"有限": true, "限公": true, "公司": true, "股份": true, "份有": true, "责任": true, "任公": true,
}

// PostingGrams returns the bigrams of a name that get search postings.
func PostingGrams(name string) []string {
	return slices.DeleteFunc(Bigrams(name), func(g string) bool { return stopGrams[g] })
}

// commonBigrams occur in most names of market entities: poor drivers.
var commonBigrams = map[string]bool{
	"有限": true, "限公": true, "公司": true, "郑州": true, "河南": true, "南省": true, "股份": true, "份有": true,
	"科技": true, "技有": true, "经济": true, "济技": true, "技术": true, "术开": true, "开发": true, "发区": true,
	"商贸": true, "贸有": true, "州经": true, "开区": true, "经开": true, "责任": true, "任公": true,
}

// sparseMatches bounds the objects an SQLite search reads from the search
// index and orders itself (a few milliseconds' work).
const sparseMatches = 10000

// searchToken is a bigram's token in SQLite's object_search: the hex of its
// UTF-8 in upper case, as SQL's hex() writes it (migration 0009).
func searchToken(gram string) string { return strings.ToUpper(hex.EncodeToString([]byte(gram))) }

// searchMatch is the FTS5 query for the objects holding every one of grams.
func searchMatch(grams []string) string {
	parts := make([]string, len(grams))
	for i, g := range grams {
		parts[i] = `"` + searchToken(g) + `"`
	}
	return strings.Join(parts, " ")
}

// searchPlan says how a search text is matched.
type searchPlan struct {
	gram     string   // drive from this bigram's postings ("" when none)
	rare     []string // the posting bigrams not among commonBigrams (SQLite matches them)
	nameLike string   // confirm on the name
	uidLike  string   // or match uids from their start
}

func planSearch(search string) searchPlan {
	s := NormalizeSearch(search)
	if s == "" {
		return searchPlan{}
	}
	if isCodeLike(s) && len(s) >= 8 {
		return searchPlan{uidLike: escapeLike(strings.ToUpper(s)) + "%"}
	}
	p := searchPlan{nameLike: "%" + escapeLike(s) + "%"}
	grams := PostingGrams(s)
	p.rare = slices.DeleteFunc(slices.Clone(grams), func(g string) bool { return commonBigrams[g] })
	switch {
	case len(p.rare) > 0:
		p.gram = p.rare[0]
	case len(grams) > 0:
		p.gram = grams[0]
	}
	return p
}

// objectQuery starts a listing of objects matching f: from the search
// postings when there is a name fragment, else from the objects. It
// returns the query and the uid column to order and page on.
func (f ObjectFilter) objectQuery(ctx context.Context, idb bun.IDB) (*bun.SelectQuery, string, error) {
	p := planSearch(f.Search)
	var q *bun.SelectQuery
	uid := "o.uid"
	switch {
	case p.gram != "" && onSQLite(idb):
		q = idb.NewSelect().TableExpr("objects AS o").Where("o.name LIKE ? ESCAPE '\\'", p.nameLike)
		// The common bigrams narrow little and have the longest lists; a
		// fragment of them only is dense.
		if len(p.rare) == 0 {
			break
		}
		match := searchMatch(p.rare)
		var n int
		if err := idb.NewRaw("SELECT COUNT(*) FROM (SELECT 1 FROM object_search WHERE object_search MATCH ? LIMIT ?) AS m",
			match, sparseMatches+1).Scan(ctx, &n); err != nil {
			return nil, "", fmt.Errorf("search index: %w", err)
		}
		if n <= sparseMatches {
			q = q.Where("o.uid IN (SELECT uid FROM object_search WHERE object_search MATCH ?)", match)
		}
	case p.gram != "":
		q = idb.NewSelect().TableExpr("object_grams AS g").Join("JOIN objects AS o ON o.uid = g.uid").
			Where("g.gram = ?", p.gram).Where("o.name LIKE ? ESCAPE '\\'", p.nameLike)
		uid = "g.uid"
	case p.nameLike != "":
		q = idb.NewSelect().TableExpr("objects AS o").Where("o.name LIKE ? ESCAPE '\\'", p.nameLike)
	case p.uidLike != "":
		q = idb.NewSelect().TableExpr("objects AS o").Where("o.uid LIKE ? ESCAPE '\\'", p.uidLike)
	default:
		q = idb.NewSelect().TableExpr("objects AS o")
	}
	return f.apply(q), uid, nil
}

// NormalizeSearch trims a query and folds full-width ASCII to half-width.
func NormalizeSearch(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == '\u3000':
			r = ' '
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

func isCodeLike(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return len(s) >= 2
}

// Bigrams returns the distinct two-character sequences of s, sorted, with
// spaces dropped and ASCII letters upper-cased.
func Bigrams(s string) []string {
	var rs []rune
	for _, r := range NormalizeSearch(s) {
		if unicode.IsSpace(r) {
			continue
		}
		rs = append(rs, unicode.ToUpper(r))
	}
	seen := map[string]bool{}
	var out []string
	for i := 0; i+1 < len(rs); i++ {
		g := string(rs[i : i+2])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out
}

// ListObjects returns up to first objects ordered by uid, after the given
// uid, and whether more follow.
func ListObjects(ctx context.Context, idb bun.IDB, f ObjectFilter, first int, afterUID string) ([]Object, bool, error) {
	var out []Object
	if p := planSearch(f.Search); p.gram != "" && !onSQLite(idb) {
		return listByPostings(ctx, idb, f, p, first, afterUID)
	}
	q, uid, err := f.objectQuery(ctx, idb)
	if err != nil {
		return nil, false, err
	}
	q = q.ColumnExpr("o.*").OrderExpr(uid).Limit(int64(first + 1))
	if afterUID != "" {
		q = q.Where(uid+" > ?", afterUID)
	}
	if err := q.Scan(ctx, &out); err != nil {
		return nil, false, fmt.Errorf("list objects: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// rarestGram picks, of a long fragment's bigrams, the one whose postings
// are sparsest where the walk starts: for each bigram it reads at most
// probe postings after the cursor from the (gram, uid) index and notes the
// uid it reached. A bigram with fewer than probe postings left is the
// rarest of all (the fewest); otherwise the one that reached the greatest
// uid has the fewest postings over that stretch of the uid order, which
// every bigram shares. Counting each list whole would cost as much as the
// commonest list; a fixed bound alone cannot tell apart lists that all
// exceed it (郑州, 州嘉, 嘉禾 all exceed thousands). One statement of
// index-only reads.
func rarestGram(ctx context.Context, idb bun.IDB, grams []string, after string) (string, error) {
	const probe = 1024
	parts := make([]string, len(grams))
	args := make([]any, 0, 3*len(grams))
	for i, g := range grams {
		parts[i] = fmt.Sprintf("SELECT ? AS gram, COUNT(*) AS n, MAX(x.uid) AS reached FROM "+
			"(SELECT uid FROM object_grams WHERE gram = ? AND uid > ? ORDER BY uid LIMIT %d) AS x", probe)
		args = append(args, g, g, after)
	}
	var rows []struct {
		Gram    string         `bun:"gram"`
		N       int            `bun:"n"`
		Reached sql.NullString `bun:"reached"`
	}
	if err := idb.NewRaw(strings.Join(parts, " UNION ALL "), args...).Scan(ctx, &rows); err != nil {
		return "", fmt.Errorf("probe postings: %w", err)
	}
	best := rows[0]
	for _, r := range rows[1:] {
		switch {
		case r.N < best.N:
			best = r
		case r.N == best.N && r.N == probe && r.Reached.String > best.Reached.String:
			best = r
		}
	}
	return best.Gram, nil
}

// listByPostings walks one bigram's postings in uid order, a chunk at a
// time, and keeps the objects that match the name and the filters, until the
// page is full. The chunk is a subquery with its own ORDER BY and LIMIT, so
// every store reads it from the (gram, uid) index in order, whatever its
// estimate of the posting count; chunks double, so a common bigram under a
// selective filter costs a few statements, not one per thousand postings.
func listByPostings(ctx context.Context, idb bun.IDB, f ObjectFilter, p searchPlan, first int, after string) ([]Object, bool, error) {
	var out []Object
	if grams := PostingGrams(NormalizeSearch(f.Search)); len(grams) > 1 {
		rarest, err := rarestGram(ctx, idb, grams, after)
		if err != nil {
			return nil, false, err
		}
		p.gram = rarest
	}
	for size := 512; ; size = min(size*2, 131072) {
		chunk := idb.NewSelect().TableExpr("object_grams").Column("uid").
			Where("gram = ?", p.gram).Where("uid > ?", after).OrderExpr("uid").Limit(int64(size))
		var page []Object
		q := idb.NewSelect().TableExpr("(?) AS g", chunk).Join("JOIN objects AS o ON o.uid = g.uid").
			ColumnExpr("o.*").Where("o.name LIKE ? ESCAPE '\\'", p.nameLike).OrderExpr("g.uid").
			Limit(int64(first + 1 - len(out)))
		if err := f.apply(q).Scan(ctx, &page); err != nil {
			return nil, false, fmt.Errorf("list objects: %w", err)
		}
		out = append(out, page...)
		if len(out) > first {
			return out[:first], true, nil
		}
		// Where did this chunk end? A short chunk means the postings are done.
		var n int
		var last sql.NullString
		if err := idb.NewSelect().TableExpr("(?) AS c", chunk).ColumnExpr("COUNT(*), MAX(c.uid)").
			Scan(ctx, &n, &last); err != nil {
			return nil, false, fmt.Errorf("list objects: %w", err)
		}
		if n < size || !last.Valid {
			return out, false, nil
		}
		after = last.String
	}
}

// EachObject streams every object matching f in uid order to fn, in pages,
// for exports.
func EachObject(ctx context.Context, idb bun.IDB, f ObjectFilter, fn func([]Object) error) error {
	after := ""
	for {
		page, more, err := ListObjects(ctx, idb, f, 1000, after)
		if err != nil {
			return err
		}
		if len(page) > 0 {
			if err := fn(page); err != nil {
				return err
			}
			after = page[len(page)-1].UID
		}
		if !more {
			return nil
		}
	}
}

// CountObjects counts the objects matching f.
func CountObjects(ctx context.Context, idb bun.IDB, f ObjectFilter) (int, error) {
	q, _, err := f.objectQuery(ctx, idb)
	if err != nil {
		return 0, err
	}
	n, err := q.Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count objects: %w", err)
	}
	return int(n), nil
}

// GetObject returns one object by id, or ErrNotFound.
func GetObject(ctx context.Context, idb bun.IDB, id string) (*Object, error) {
	return getObject(ctx, idb, "id", id)
}

// GetObjectByUID returns one object by uid, or ErrNotFound.
func GetObjectByUID(ctx context.Context, idb bun.IDB, uid string) (*Object, error) {
	return getObject(ctx, idb, "uid", uid)
}

func getObject(ctx context.Context, idb bun.IDB, column, value string) (*Object, error) {
	o := new(Object)
	err := idb.NewSelect().Model(o).Where("? = ?", bun.Ident(column), value).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get object %s: %w", value, err)
	}
	return o, nil
}

// ObjectsByIDs returns the objects with the given ids.
func ObjectsByIDs(ctx context.Context, idb bun.IDB, ids []string) ([]Object, error) {
	var out []Object
	if len(ids) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().Model(&out).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load objects: %w", err)
	}
	return out, nil
}

// ObjectRecordsByUIDs returns the objects with the given uids with their
// links, keyed by uid.
func ObjectRecordsByUIDs(ctx context.Context, idb bun.IDB, uids []string) (map[string]*ObjectRecord, error) {
	out := make(map[string]*ObjectRecord, len(uids))
	if len(uids) == 0 {
		return out, nil
	}
	var objs []Object
	if err := idb.NewSelect().Model(&objs).Where("uid IN (?)", bun.In(uids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load objects by uid: %w", err)
	}
	ids := make([]string, len(objs))
	for i := range objs {
		ids[i] = objs[i].ID
	}
	tags, err := TagLinks(ctx, idb, "object_tags", "object_id", ids)
	if err != nil {
		return nil, err
	}
	depts, err := ObjectDepartmentLinks(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	for _, o := range objs {
		out[o.UID] = &ObjectRecord{Object: o, TagIDs: tags[o.ID], DepartmentIDs: depts[o.ID]}
	}
	return out, nil
}

// ObjectDepartmentLinks returns, per object id, its supervising departments' ids.
func ObjectDepartmentLinks(ctx context.Context, idb bun.IDB, objectIDs []string) (map[string][]string, error) {
	out := make(map[string][]string, len(objectIDs))
	if len(objectIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ObjectID     string `bun:"object_id"`
		DepartmentID string `bun:"department_id"`
	}
	err := idb.NewSelect().TableExpr("object_departments AS od").Column("od.object_id", "od.department_id").
		Join("JOIN departments AS d ON d.id = od.department_id").
		Where("od.object_id IN (?)", bun.In(objectIDs)).OrderExpr("d.sort_order, d.code").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load supervising departments: %w", err)
	}
	for _, r := range rows {
		out[r.ObjectID] = append(out[r.ObjectID], r.DepartmentID)
	}
	return out, nil
}

// InsertObjects stores new objects with their links, name grams and first
// history entry, in multi-row statements.
func InsertObjects(ctx context.Context, idb bun.IDB, recs []*ObjectRecord, actor, source string, changes []string) error {
	return InsertObjectsThen(ctx, idb, recs, actor, source, func() ([]string, error) { return changes, nil })
}

// InsertObjectsThen is InsertObjects with the history entries asked for only
// when they are written, last: the caller may compute them meanwhile (an
// import does, while the store writes the rows).
func InsertObjectsThen(ctx context.Context, idb bun.IDB, recs []*ObjectRecord, actor, source string, changes func() ([]string, error)) error {
	if len(recs) == 0 {
		return nil
	}
	objs := make([]Object, len(recs))
	for i, r := range recs {
		objs[i] = r.Object
	}
	steps := append([]func() (bulkRows, error){func() (bulkRows, error) { return modelRows(idb, objs), nil }},
		objectExtras(idb, recs, actor, source, changes, nil)...)
	if err := bulkInsert(ctx, idb, steps...); err != nil {
		return fmt.Errorf("store objects: %w", err)
	}
	return nil
}

// UpdateObjects writes changed objects, replaces their links (and their
// search postings when the name changed), and records a history entry each.
func UpdateObjects(ctx context.Context, idb bun.IDB, recs []*ObjectRecord, actor, source string, changes []string) error {
	renamed, err := dropRenamedPostings(ctx, idb, recs)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if _, err := idb.NewUpdate().Model(&r.Object).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update object %s: %w", r.UID, err)
		}
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	for _, table := range []string{"object_tags", "object_departments"} {
		if _, err := idb.NewDelete().TableExpr(table).Where("object_id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	if err := bulkInsert(ctx, idb, objectExtras(idb, recs, actor, source, func() ([]string, error) { return changes, nil }, renamed)...); err != nil {
		return fmt.Errorf("store objects: %w", err)
	}
	return nil
}

// dropRenamedPostings deletes the postings of the objects whose stored name
// differs from the new one, by key: for each such object its postings are
// exactly its old name's bigrams. It returns which objects need new ones.
func dropRenamedPostings(ctx context.Context, idb bun.IDB, recs []*ObjectRecord) (map[string]bool, error) {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	var stored []struct {
		ID   string `bun:"id"`
		UID  string `bun:"uid"`
		Name string `bun:"name"`
	}
	if err := idb.NewSelect().TableExpr("objects").Column("id", "uid", "name").Where("id IN (?)", bun.In(ids)).
		Scan(ctx, &stored); err != nil {
		return nil, fmt.Errorf("read stored names: %w", err)
	}
	newName := make(map[string]string, len(recs))
	for _, r := range recs {
		newName[r.ID] = r.Name
	}
	renamed := map[string]bool{}
	const perStatement = 200
	var uids []string
	var oldGrams [][]string // per uid, for SQLite
	grams := map[string]bool{}
	flush := func() error {
		if len(uids) == 0 {
			return nil
		}
		var err error
		if onSQLite(idb) {
			// Each object's index row is the one holding its uid among the
			// rows holding all of its old bigrams.
			parts := make([]string, len(uids))
			args := make([]any, 0, 2*len(uids))
			for i, uid := range uids {
				parts[i] = "SELECT rowid FROM object_search WHERE object_search MATCH ? AND uid = ?"
				args = append(args, searchMatch(oldGrams[i]), uid)
			}
			_, err = idb.NewRaw("DELETE FROM object_search WHERE rowid IN ("+strings.Join(parts, " UNION ALL ")+")", args...).Exec(ctx)
		} else {
			gs := make([]string, 0, len(grams))
			for g := range grams {
				gs = append(gs, g)
			}
			// (gram, uid) of a renamed object is one of its old postings only
			// when gram is one of its old bigrams: deleting the cross product
			// of the batch's uids and bigrams removes exactly those.
			_, err = idb.NewDelete().TableExpr("object_grams").Where("uid IN (?)", bun.In(uids)).
				Where("gram IN (?)", bun.In(gs)).Exec(ctx)
		}
		if err != nil {
			return fmt.Errorf("clear postings: %w", err)
		}
		uids, oldGrams, grams = uids[:0], oldGrams[:0], map[string]bool{}
		return nil
	}
	for _, o := range stored {
		if o.Name == newName[o.ID] {
			continue
		}
		renamed[o.ID] = true
		old := PostingGrams(o.Name)
		if len(old) == 0 {
			continue // it has none
		}
		uids, oldGrams = append(uids, o.UID), append(oldGrams, old)
		for _, g := range old {
			grams[g] = true
		}
		if len(uids) == perStatement {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return renamed, flush()
}

// PostingUIDs returns, in order, the uids of the objects holding search
// postings for gram: for checks of the search index.
func PostingUIDs(ctx context.Context, idb bun.IDB, gram string) ([]string, error) {
	q := idb.NewSelect().TableExpr("object_grams").Column("uid").Where("gram = ?", gram)
	if onSQLite(idb) {
		q = idb.NewSelect().TableExpr("object_search").Column("uid").Where("object_search MATCH ?", searchMatch([]string{gram}))
	}
	var out []string
	if err := q.OrderExpr("uid").Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("postings of %s: %w", gram, err)
	}
	return out, nil
}

// OrphanPostings counts the search postings whose object is missing: the
// store does not check them with a foreign key, the db package's writes must.
func OrphanPostings(ctx context.Context, idb bun.IDB) (int, error) {
	table := "object_grams"
	if onSQLite(idb) {
		table = "object_search"
	}
	n, err := idb.NewSelect().TableExpr(table + " AS p").
		Where("NOT EXISTS (SELECT 1 FROM objects AS o WHERE o.uid = p.uid)").Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count orphan postings: %w", err)
	}
	return int(n), nil
}

// objectExtras are the bulkInsert steps of the links and history of
// objects, and of the search postings of those in withPostings (nil: all).
func objectExtras(idb bun.IDB, recs []*ObjectRecord, actor, source string, changes func() ([]string, error), withPostings map[string]bool) []func() (bulkRows, error) {
	links := func(table, col string, ids func(*ObjectRecord) []string) func() (bulkRows, error) {
		return func() (bulkRows, error) {
			var rows [][]any
			for _, r := range recs {
				for _, id := range ids(r) {
					rows = append(rows, []any{r.ID, id})
				}
			}
			return plainRows(table, []string{"object_id", col}, rows), nil
		}
	}
	postings := func() (bulkRows, error) {
		if onSQLite(idb) {
			var rows [][]any
			for _, r := range recs {
				if withPostings == nil || withPostings[r.ID] {
					if grams := PostingGrams(r.Name); len(grams) > 0 {
						tokens := make([]string, len(grams))
						for i, g := range grams {
							tokens[i] = searchToken(g)
						}
						rows = append(rows, []any{strings.Join(tokens, " "), r.UID})
					}
				}
			}
			return plainRows("object_search", []string{"grams", "uid"}, rows), nil
		}
		type posting struct{ gram, uid string }
		var ps []posting
		for _, r := range recs {
			if withPostings == nil || withPostings[r.ID] {
				for _, g := range PostingGrams(r.Name) {
					ps = append(ps, posting{g, r.UID})
				}
			}
		}
		// In key order, so that consecutive rows land on the same index pages.
		slices.SortFunc(ps, func(a, b posting) int { return cmp.Or(strings.Compare(a.gram, b.gram), strings.Compare(a.uid, b.uid)) })
		rows := make([][]any, len(ps))
		for i, p := range ps {
			rows[i] = []any{p.gram, p.uid}
		}
		return plainRows("object_grams", []string{"gram", "uid"}, rows), nil
	}
	versions := func() (bulkRows, error) {
		ch, err := changes()
		if err != nil {
			return bulkRows{}, err
		}
		rows := make([][]any, len(recs))
		for i, r := range recs {
			rows[i] = []any{r.ID, r.Version, r.UpdatedAt, actor, source, ch[i]}
		}
		return plainRows("object_versions", []string{"object_id", "version", "changed_at", "actor", "source", "data"}, rows), nil
	}
	return []func() (bulkRows, error){
		links("object_tags", "tag_id", func(r *ObjectRecord) []string { return r.TagIDs }),
		links("object_departments", "department_id", func(r *ObjectRecord) []string { return r.DepartmentIDs }),
		postings,
		versions,
	}
}

// RecordVersion is one entry of a record's history.
type RecordVersion struct {
	Version   int       `bun:"version"`
	ChangedAt time.Time `bun:"changed_at"`
	Actor     string    `bun:"actor"`
	Source    string    `bun:"source"`
	Data      string    `bun:"data"`
}

// History returns the newest versions of a record from its history table
// (object_versions, inspector_versions).
func History(ctx context.Context, idb bun.IDB, table, ownerColumn, owner string, limit int) ([]RecordVersion, error) {
	var out []RecordVersion
	err := idb.NewSelect().TableExpr(table).Column("version", "changed_at", "actor", "source", "data").
		Where("? = ?", bun.Ident(ownerColumn), owner).Order("version DESC").Limit(int64(limit)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", owner, err)
	}
	return out, nil
}

// SupervisorsOf returns, per object id, the departments that supervise it,
// in one statement.
func SupervisorsOf(ctx context.Context, idb bun.IDB, objectIDs []string) (map[string][]Department, error) {
	out := make(map[string][]Department, len(objectIDs))
	if len(objectIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ObjectID   string `bun:"object_id"`
		Department `bun:"extend"`
	}
	err := idb.NewSelect().TableExpr("object_departments AS od").ColumnExpr("od.object_id").ColumnExpr("d.*").
		Join("JOIN departments AS d ON d.id = od.department_id").
		Where("od.object_id IN (?)", bun.In(objectIDs)).OrderExpr("d.sort_order, d.code").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load supervising departments: %w", err)
	}
	for _, r := range rows {
		out[r.ObjectID] = append(out[r.ObjectID], r.Department)
	}
	return out, nil
}

// ObjectsByUIDs returns the objects with the given uids.
func ObjectsByUIDs(ctx context.Context, idb bun.IDB, uids []string) ([]Object, error) {
	var out []Object
	if len(uids) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().Model(&out).Where("uid IN (?)", bun.In(uids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load objects by uid: %w", err)
	}
	return out, nil
}
