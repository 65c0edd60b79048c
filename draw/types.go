package draw

import "strconv"

// Algorithm names the procedure and the evidence format this package
// implements; a document naming anything else is refused.
const Algorithm = "suiji/draw/v1"

const (
	// maxSafe is 2^53−1: every count, ratio, size and cap stays at or below
	// it so that a JSON number carries it exactly in every language (spec §0).
	maxSafe = 1<<53 - 1
	// maxTextBytes bounds the entropy and its source description (spec §0).
	maxTextBytes = 256
	// ratioDenominator is 100 % in basis points.
	ratioDenominator = 10000
)

// Entry is one object of the population: its stratum label and its uid.
type Entry struct {
	Stratum string `json:"stratum"`
	UID     string `json:"uid"`
}

// Rule is a stratum's sampling rule: exactly one of RatioBP (basis points,
// rounded up) or Count must be set. Pointers, because 0 is a valid value of
// either and "both or neither" must be refused, not guessed at.
type Rule struct {
	Label   string `json:"label"`
	RatioBP *int64 `json:"ratio_bp,omitempty"`
	Count   *int64 `json:"count,omitempty"`
}

// RatioRule returns the rule "sample bp basis points of stratum label".
func RatioRule(label string, bp int64) Rule { return Rule{Label: label, RatioBP: &bp} }

// CountRule returns the rule "sample n objects of stratum label".
func CountRule(label string, n int64) Rule { return Rule{Label: label, Count: &n} }

// Department is a participating department: its code, the inspectors per
// team it sends (t_d) and its pool of inspector uids. In an Input or a Plan
// PerTeam 0 means the default of spec §4 (1 with two or more departments,
// 2 with one); in a Frozen plan and in evidence it is always resolved.
type Department struct {
	Code    string   `json:"code"`
	PerTeam int64    `json:"per_team,omitempty"`
	Pool    []string `json:"pool"`
}

// Conflict is a pair that must not meet: an inspector and an object. In JSON
// it is the two-element array [inspector, object].
type Conflict struct {
	Inspector string
	Object    string
}

// Input is everything a draw takes, in the JSON form of the test vectors.
// Reveal is hex(R), the 64 lowercase hex digits of the secret; Entropy is E.
// Arrays may come in any order; repeated conflicts are merged.
type Input struct {
	PlanUID       string       `json:"plan_uid"`
	Reveal        string       `json:"reveal"`
	EntropySource string       `json:"entropy_source"`
	Entropy       string       `json:"entropy"`
	Strata        []Rule       `json:"strata"`
	Population    []Entry      `json:"population"`
	Departments   []Department `json:"departments"`
	Conflicts     []Conflict   `json:"conflicts"`
	Cap           *int64       `json:"cap"`
}

// Plan is what is fixed at the freeze: the Input without R and E, carrying
// only the published commitment C = hex(H(R)). The freeze digest is a
// function of a Plan alone, so it can be published before E exists and
// without touching the secret.
type Plan struct {
	PlanUID       string
	Commitment    string
	EntropySource string
	Strata        []Rule
	Population    []Entry
	Departments   []Department
	Conflicts     []Conflict
	Cap           *int64
}

// Plan returns the freeze-time part of in, with C computed from the reveal.
func (in Input) Plan() (Plan, error) {
	c, err := Commitment(in.Reveal)
	if err != nil {
		return Plan{}, err
	}
	return Plan{
		PlanUID:       in.PlanUID,
		Commitment:    c,
		EntropySource: in.EntropySource,
		Strata:        in.Strata,
		Population:    in.Population,
		Departments:   in.Departments,
		Conflicts:     in.Conflicts,
		Cap:           in.Cap,
	}, nil
}

// Key is a selection key u64(H(…)). It is unsigned on purpose: keys use all
// 64 bits. In JSON it is a decimal string, because JSON numbers lose
// precision above 2^53.
type Key uint64

// String returns the decimal form used in documents.
func (k Key) String() string { return strconv.FormatUint(uint64(k), 10) }

// Stratum is one stratum of the evidence: its rule, the number of objects
// in it (N_s) and the number drawn from it (n_s).
type Stratum struct {
	Rule
	Size       int64 `json:"size"`
	SampleSize int64 `json:"sample_size"`
}

// Selection is one drawn object. Stratum == "" means the stratum and the key
// were left out (the public form of a plan whose population is internal);
// both are present or both absent.
type Selection struct {
	Rank    int64
	Stratum string
	UID     string
	Key     Key
	Team    []string
}

// Evidence is the document of spec §7. Population, Departments and
// Conflicts are nil when the document leaves them out (public forms) and
// non-nil, possibly empty, when present. Documents are compared as JSON
// values; use MarshalJSON and DecodeEvidence for the wire form.
type Evidence struct {
	Algorithm        string
	PlanUID          string
	Commitment       string
	EntropySource    string
	FreezeDigest     string
	RulesDigest      string
	TeamsDigest      string
	PopulationDigest string
	PopulationSize   int64
	Reveal           string
	Entropy          string
	Seed             string
	Strata           []Stratum
	Population       []Entry
	Selections       []Selection
	Departments      []Department
	Conflicts        []Conflict
	Cap              *int64
}

// Failure says where a draw failed (spec §6): at the pick for the object of
// this rank, nobody of this department was left.
type Failure struct {
	Rank       int64  `json:"rank"`
	UID        string `json:"uid"`
	Department string `json:"department"`
}

// String describes the failure for logs and the plan's public page.
func (f Failure) String() string {
	return "draw failed at rank " + strconv.FormatInt(f.Rank, 10) + " (object " + f.UID +
		"): no inspector of department " + f.Department + " left / 第" +
		strconv.FormatInt(f.Rank, 10) + "位对象无可用的" + f.Department + "检查人员"
}

// Stats counts the SHA-256 evaluations of one draw, so benchmarks and
// operators can see that the engine performs no evaluation the spec does
// not need.
type Stats struct {
	Hashes        int64 // every evaluation: C, the seed, keys and ikeys
	ObjectKeys    int64 // key(uid): one per entry of a stratum that has a sample
	InspectorKeys int64 // ikey(o, i): only inspectors at the lowest eligible load
}

// Digests are the values the freeze publishes (spec §1–§4).
type Digests struct {
	Commitment       string // C = hex(H(R))
	PopulationDigest string // D
	PopulationSize   int64  // N
	RulesDigest      string // S
	TeamsDigest      string // T
	FreezeDigest     string // F
}
