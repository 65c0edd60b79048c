package draw

import "fmt"

// Code is the machine-readable reason an input is refused (spec §8).
type Code string

// The reasons of spec §8 and the string and number rules of spec §0.
const (
	DuplicateUID        Code = "duplicate_uid"
	StratumWithoutRule  Code = "stratum_without_rule"
	DuplicateStratum    Code = "duplicate_stratum"
	BadRule             Code = "bad_rule" // both or neither of count and ratio
	RatioOutOfRange     Code = "ratio_out_of_range"
	NegativeCount       Code = "negative_count"
	DuplicateDepartment Code = "duplicate_department"
	DuplicatePoolEntry  Code = "duplicate_pool_entry"
	InspectorInTwoPools Code = "inspector_in_two_pools"
	PoolSmallerThanTeam Code = "pool_smaller_than_team"
	BadPerTeam          Code = "bad_per_team"
	BadCap              Code = "bad_cap"
	NumberTooLarge      Code = "number_too_large"
	BadString           Code = "bad_string"
	NoDepartment        Code = "no_department"
	BadReveal           Code = "bad_reveal"
	BadCommitment       Code = "bad_commitment"
)

// English is the reason in English.
func (c Code) English() string {
	en, _ := c.texts()
	return en
}

// Chinese is the reason in Chinese, for the people who run the plan.
func (c Code) Chinese() string {
	_, zh := c.texts()
	return zh
}

func (c Code) texts() (en, zh string) {
	switch c {
	case DuplicateUID:
		return "an object appears twice in the population", "检查对象名单中有重复的对象"
	case StratumWithoutRule:
		return "an object is in a stratum that has no rule", "有对象所属的分层没有抽取规则"
	case DuplicateStratum:
		return "two rules name the same stratum", "分层规则重复"
	case BadRule:
		return "a rule must have exactly one of count and ratio", "分层规则必须且只能设定数量或比例之一"
	case RatioOutOfRange:
		return "a ratio must be between 0 and 10000 basis points", "抽取比例须在0至10000个基点之间"
	case NegativeCount:
		return "a count must not be negative", "抽取数量不能为负数"
	case DuplicateDepartment:
		return "a department takes part twice", "参与部门重复"
	case DuplicatePoolEntry:
		return "an inspector appears twice in a pool", "检查人员名单中有重复的人员"
	case InspectorInTwoPools:
		return "an inspector is in the pools of two departments", "同一检查人员出现在两个部门的名单中"
	case PoolSmallerThanTeam:
		return "a pool has fewer inspectors than a team needs", "部门检查人员少于每组所需人数"
	case BadPerTeam:
		return "inspectors per team must be at least 1", "每组检查人员数须至少为1"
	case BadCap:
		return "the cap must be at least 1", "每人检查对象上限须至少为1"
	case NumberTooLarge:
		return "a number exceeds 2^53-1", "数值超过2^53-1"
	case BadString:
		return "a text value breaks the string rules", "文本值不符合规则"
	case NoDepartment:
		return "no department takes part", "没有参与部门"
	case BadReveal:
		return "the reveal must be 64 lowercase hexadecimal digits", "揭示值须为64位小写十六进制数"
	case BadCommitment:
		return "the commitment must be 64 lowercase hexadecimal digits", "承诺值须为64位小写十六进制数"
	}
	return "invalid input", "输入无效"
}

// Refusal is an input the freeze refuses (spec §8). Field names the place in
// the JSON form of the input (for example "population[12].uid"); Detail says
// what is wrong with it, in English.
type Refusal struct {
	Code   Code
	Field  string
	Detail string
}

func (r *Refusal) Error() string {
	msg := fmt.Sprintf("draw input refused (%s): %s / %s", r.Code, r.Code.English(), r.Code.Chinese())
	if r.Field != "" {
		msg += ": " + r.Field
	}
	if r.Detail != "" {
		msg += ": " + r.Detail
	}
	return msg
}

func refuse(code Code, field, detailFormat string, args ...any) *Refusal {
	return &Refusal{Code: code, Field: field, Detail: fmt.Sprintf(detailFormat, args...)}
}

// Error is a constant error: the package's sentinels are constants, not
// variables, so nothing can reassign them.
type Error string

func (e Error) Error() string { return string(e) }

// ErrNotSorted is returned by FreezeSorted when the population is not
// strictly ascending by (stratum, uid) in byte order. It is the caller's
// mistake, not an invalid input: Freeze accepts the same population.
const ErrNotSorted = Error("draw: population is not sorted by (stratum, uid)")

// ErrCommitmentMismatch is returned by Draw when the revealed secret does not
// hash to the commitment that was frozen.
const ErrCommitmentMismatch = Error("draw: reveal does not match the commitment")
