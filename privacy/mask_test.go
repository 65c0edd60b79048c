package privacy

import (
	"testing"
	"unicode/utf8"
)

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"张", "*"},
		{"张三", "张*"},
		{"欧阳娜娜", "欧**娜"},
		{"13812345678", "138****5678"},
		{"0371-6655443", "037*****5443"},
		{"li@example.cn", "l*@example.cn"},
		{"zhangwei@zz.gov.cn", "z*******@zz.gov.cn"},
		{"ABC1234567", "AB******67"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskHidesAtLeastAThird(t *testing.T) {
	for _, s := range []string{"张三", "王小明", "13812345678", "410105199001011234", "河南省郑州市经开区第八大街"} {
		n := utf8.RuneCountInString(s)
		if hidden := n - MaskedLen(s); hidden*3 < n {
			t.Errorf("Mask(%q) = %q hides only %d of %d characters", s, Mask(s), hidden, n)
		}
	}
}
