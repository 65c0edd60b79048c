package uscc

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/suiji-dev/suiji/fault"
)

// published are codes printed in public material, each checked by hand:
//
//	91350100M000100Y43 (the example most articles on GB 32100 use)
//	  GB 11714 over M000100Y: M=22·3 + 1·5 + Y=34·2 = 139; 139 mod 11 = 7; 11−7 = 4 ✓
//	  GB 32100 check character 3: see TestCheckCharByHand
//	12440600MB2C07549J (quoted as a real code in xbeginagain/generator issue #2)
var published = []string{"91350100M000100Y43", "12440600MB2C07549J"}

func TestWeights(t *testing.T) {
	// A single 1 at position i makes the sum the weight Wi itself, so the
	// check character reveals it: C = (31 − Wi) mod 31.
	want := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	for i, w := range want {
		b := []byte(strings.Repeat("0", 17))
		b[i] = '1'
		got, err := CheckChar(string(b))
		if err != nil {
			t.Fatal(err)
		}
		if got != Alphabet[(31-w)%31] {
			t.Errorf("weight %d: check char %c, want %c", i+1, got, Alphabet[(31-w)%31])
		}
	}
}

func TestCheckCharByHand(t *testing.T) {
	// 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4, with weights
	// 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
	// 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
	// 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
	got, err := CheckChar("91350100M000100Y4")
	if err != nil || got != '3' {
		t.Fatalf("CheckChar = %c, %v; want 3", got, err)
	}
	// 8 body characters M000100Y → '4', computed in the comment on published.
	got, err = OrgCheckChar("M000100Y")
	if err != nil || got != '4' {
		t.Fatalf("OrgCheckChar = %c, %v; want 4", got, err)
	}
}

func TestOrgCheckCharSpecialValues(t *testing.T) {
	// Find bodies whose check value is 10 ('X') and 11 ('0') and check the
	// mapping against the formula directly.
	var sawX, saw0 bool
	for n := 0; n < 2000 && !(sawX && saw0); n++ {
		body := fmt.Sprintf("%08d", n*7919)
		sum := 0
		for i, w := range []int{3, 7, 9, 10, 5, 8, 4, 2} {
			sum += int(body[i]-'0') * w
		}
		got, err := OrgCheckChar(body)
		if err != nil {
			t.Fatal(err)
		}
		switch 11 - sum%11 {
		case 10:
			sawX = true
			if got != 'X' {
				t.Errorf("%s: got %c, want X", body, got)
			}
		case 11:
			saw0 = true
			if got != '0' {
				t.Errorf("%s: got %c, want 0", body, got)
			}
		default:
			if int(got-'0') != 11-sum%11 {
				t.Errorf("%s: got %c, want %d", body, got, 11-sum%11)
			}
		}
	}
	if !sawX || !saw0 {
		t.Fatal("did not reach both special values")
	}
	// GB 11714 letters go up to Z = 35, beyond the USCC alphabet.
	if _, err := OrgCheckChar("ZZZZZZZZ"); err != nil {
		t.Errorf("Z is a GB 11714 character: %v", err)
	}
	for _, bad := range []string{"1234567", "123456789", "1234567a", "1234567-"} {
		if _, err := OrgCheckChar(bad); err == nil {
			t.Errorf("OrgCheckChar(%q) accepted", bad)
		}
	}
}

func TestValidateValid(t *testing.T) {
	codes := append([]string(nil), published...)
	for _, p := range []struct {
		a, c byte
		div  string
		org8 string
	}{
		{'9', '1', "110108", "MA01ABCD"}, // 企业, Beijing Haidian
		{'9', '2', "350102", "L1234567"}, // 个体工商户
		{'9', '3', "410100", "MA44XY12"}, // 农民专业合作社
		{'1', '2', "100000", "40000000"}, // national 事业单位
		{'5', '1', "440300", "50000123"}, // 社会团体
		{'Y', '1', "650000", "00000000"},
		{'N', '2', "660100", "MA7R0000"}, // 兵团 division 66
		{'A', '1', "820000", "12345678"},
	} {
		code, err := Make(p.a, p.c, p.div, p.org8)
		if err != nil {
			t.Fatalf("Make(%c%c %s %s): %v", p.a, p.c, p.div, p.org8, err)
		}
		codes = append(codes, code)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		code, err := Generate(rng, '9', '1', "350100")
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, code)
	}
	for _, code := range codes {
		if err := Validate(code); err != nil {
			t.Errorf("Validate(%s) = %v", code, err)
		}
		if _, err := Parse(code); err != nil {
			t.Errorf("Parse(%s) = %v", code, err)
		}
	}
}

func TestValidateInvalid(t *testing.T) {
	good := published[0] // 91350100M000100Y43

	// Only the GB 11714 check can catch this one: the organisation check
	// character is wrong, but the USCC check character is recomputed over it.
	badOrg := good[:16] + "5"
	cc, _ := CheckChar(badOrg)
	badOrg += string(cc)

	// Divisions that are wrong although both check characters are right
	// (Complete refuses to build them, so build them by hand).
	withChecks := func(first16 string) string {
		oc, _ := OrgCheckChar(first16[8:])
		cc, _ := CheckChar(first16 + string(oc))
		return first16 + string(oc) + string(cc)
	}
	badDivLetter := withChecks("91AB0100M000100Y") // a letter where a digit belongs
	badDivProv := withChecks("91990100M000100Y")   // no province starts with 99

	tests := []struct {
		name string
		code string
		want Reason
		pos  int
	}{
		{"empty", "", ReasonLength, 0},
		{"17 characters", good[:17], ReasonLength, 0},
		{"19 characters", good + "0", ReasonLength, 0},
		{"15-digit old registration number", "350100100012345", ReasonLength, 0},
		{"lower case, not normalised", strings.ToLower(good), ReasonAlphabet, 9},
		{"letter I", "9135010010001I0Y43", ReasonAlphabet, 14},
		{"letter O", "91350100M0001O0Y43", ReasonAlphabet, 14},
		{"letter Z", "Z1350100M000100Y43", ReasonAlphabet, 1},
		{"letter S", "91350100M000100S43", ReasonAlphabet, 16},
		{"letter V", "91350100M000100Y4V", ReasonAlphabet, 18},
		{"hyphen", "91350100M000100-43", ReasonAlphabet, 16},
		{"Chinese character", "91350100M000100Y4号", ReasonAlphabet, 18},
		{"full-width digit, not normalised", "９1350100M000100Y43", ReasonAlphabet, 1},
		{"invalid UTF-8", "91350100M000100Y4\xff", ReasonAlphabet, 18},
		{"changed digit", "91350100M000200Y43", ReasonCheck, 18},
		{"changed check character", "91350100M000100Y44", ReasonCheck, 18},
		{"transposed 3 and 5", "91530100M000100Y43", ReasonCheck, 18},
		{"transposed M and 0", "913501000M00100Y43", ReasonCheck, 18},
		{"division with a letter", badDivLetter, ReasonDivision, 3},
		{"division names no province", badDivProv, ReasonDivision, 3},
		{"organisation check only", badOrg, ReasonOrgCheck, 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.code)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Validate(%q) = %v, want *Error %s", tt.code, err, tt.want)
			}
			if e.Code != tt.want || e.Pos != tt.pos {
				t.Errorf("Validate(%q) = %s at %d (%s), want %s at %d", tt.code, e.Code, e.Pos, e.Message, tt.want, tt.pos)
			}
			if !strings.ContainsFunc(e.Message, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) || !strings.Contains(e.Message, "(") {
				t.Errorf("message should be Chinese then English: %s", e.Message)
			}
			if fault.CodeOf(err) != fault.BadInput {
				t.Errorf("fault.CodeOf = %s, want BAD_USER_INPUT", fault.CodeOf(err))
			}
			if fe, ok := fault.As(err); !ok || fe.Message != e.Message {
				t.Errorf("fault.As should carry the message, got %+v", fe)
			}
		})
	}
}

// Every adjacent transposition of two different characters among 1–17
// changes the weighted sum by (a−b)(Wi−Wi+1), never 0 mod the prime 31.
func TestAdjacentTranspositionsAlwaysCaught(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		code, err := Generate(rng, '9', '1', "410105")
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 16; i++ {
			if code[i] == code[i+1] {
				continue
			}
			b := []byte(code)
			b[i], b[i+1] = b[i+1], b[i]
			if err := Validate(string(b)); err == nil {
				t.Errorf("transposition at %d of %s not caught: %s", i+1, code, b)
			}
		}
	}
}

func TestSingleSubstitutionsAlwaysCaught(t *testing.T) {
	code := published[0]
	for i := 0; i < Length; i++ {
		for j := 0; j < len(Alphabet); j++ {
			if Alphabet[j] == code[i] {
				continue
			}
			b := []byte(code)
			b[i] = Alphabet[j]
			if err := Validate(string(b)); err == nil {
				t.Errorf("substitution %c at %d not caught", Alphabet[j], i+1)
			}
		}
	}
}

func TestNormalize(t *testing.T) {
	want := published[0]
	tests := []struct{ name, in string }{
		{"as is", want},
		{"lower case", "91350100m000100y43"},
		{"surrounding spaces and tabs", " \t91350100M000100Y43\r\n"},
		{"full-width space", "\u300091350100M000100Y43\u3000"},
		{"no-break space", "\u00a091350100M000100Y43"},
		{"full-width letters and digits", "９１３５０１００Ｍ０００１００Ｙ４３"},
		{"full-width lower case", "91350100ｍ000100ｙ43"},
		{"zero-width space and BOM", "\ufeff9135\u200b0100M000100Y43"},
		{"spaces inside, from a PDF", "9135 0100 M000 100Y 43"},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if got != want {
			t.Errorf("%s: Normalize(%q) = %q", tt.name, tt.in, got)
		}
		if err := Validate(got); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// A hyphen survives Normalize so Validate can point at it.
	if got := Normalize("91350100M000100-43"); got != "91350100M000100-43" {
		t.Errorf("hyphen removed: %q", got)
	}
}

func TestCompleteAndMake(t *testing.T) {
	code, err := Complete("91350100M000100Y")
	if err != nil || code != published[0] {
		t.Fatalf("Complete(16) = %s, %v", code, err)
	}
	code, err = Complete("91350100M000100Y4")
	if err != nil || code != published[0] {
		t.Fatalf("Complete(17) = %s, %v", code, err)
	}
	code, err = Make('9', '1', "350100", "M000100Y")
	if err != nil || code != published[0] {
		t.Fatalf("Make = %s, %v", code, err)
	}
	for _, bad := range []string{"", "913501", "91350100M000100Y43", "91350100M000100I", "91350100M000100Y40"[:17] + "x"} {
		if _, err := Complete(bad); err == nil {
			t.Errorf("Complete(%q) accepted", bad)
		}
	}
	if _, err := Make('9', '1', "3501", "M000100Y"); err == nil {
		t.Error("Make with a 4-digit division accepted")
	}
	if _, err := Make('9', '1', "990100", "M000100Y"); err == nil {
		t.Error("Make with an unknown province accepted")
	}
}

func TestCheckCharErrors(t *testing.T) {
	for _, bad := range []string{"", "9135010", "91350100M000100Y43", "91350100M000100O4"} {
		if _, err := CheckChar(bad); err == nil {
			t.Errorf("CheckChar(%q) accepted", bad)
		}
	}
}

func TestNames(t *testing.T) {
	p, err := Parse(published[0])
	if err != nil {
		t.Fatal(err)
	}
	if p.Division != "350100" || p.Org != "M000100Y4" || p.Check != '3' {
		t.Errorf("Parse = %+v", p)
	}
	if got := p.Describe(); got != "工商（市场监管）·企业" {
		t.Errorf("Describe = %q", got)
	}
	tests := []struct {
		a, c byte
		auth string
		cat  string
	}{
		{'9', '2', "工商（市场监管）", "个体工商户"},
		{'9', '9', "工商（市场监管）", ""},
		{'1', '1', "机构编制", "机关"},
		{'5', '3', "民政", "基金会"},
		{'5', '9', "民政", "其他"},
		{'Y', '1', "其他", "其他"},
		{'N', '3', "农业", "乡镇级集体经济组织"},
		{'B', '1', "", ""},
	}
	for _, tt := range tests {
		if got := AuthorityName(tt.a); got != tt.auth {
			t.Errorf("AuthorityName(%c) = %q, want %q", tt.a, got, tt.auth)
		}
		if got := CategoryName(tt.a, tt.c); got != tt.cat {
			t.Errorf("CategoryName(%c, %c) = %q, want %q", tt.a, tt.c, got, tt.cat)
		}
	}
	// An unknown authority is still a valid code.
	code, err := Make('B', '1', "110000", "12345678")
	if err != nil {
		t.Fatalf("unknown authority rejected: %v", err)
	}
	if p, _ := Parse(code); p.Describe() != "" {
		t.Errorf("Describe of unknown authority = %q", p.Describe())
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range append(published, "", "91350100m000100y43", "９１", "\xff\xfe", "91350100M000100Y4号") {
		f.Add(s, uint64(0))
	}
	f.Fuzz(func(t *testing.T, s string, seed uint64) {
		// Never panics, whatever the input; Normalize is idempotent.
		_ = Validate(s)
		n := Normalize(s)
		_ = Validate(n)
		if Normalize(n) != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, Normalize(n))
		}
		// Whatever the seed, Make → Validate round trips.
		rng := rand.New(rand.NewPCG(seed, seed>>1))
		div := []string{"110000", "350100", "410105", "650000", "100000"}[rng.IntN(5)]
		org := make([]byte, 8)
		for i := range org {
			org[i] = Alphabet[rng.IntN(len(Alphabet))]
		}
		code, err := Make(Alphabet[rng.IntN(len(Alphabet))], Alphabet[rng.IntN(len(Alphabet))], div, string(org))
		if err != nil {
			t.Fatalf("Make: %v", err)
		}
		if err := Validate(code); err != nil {
			t.Fatalf("Make made %s, Validate says %v", code, err)
		}
		if Normalize(strings.ToLower(code)) != code {
			t.Fatalf("Normalize(lower(%s)) does not round trip", code)
		}
	})
}
