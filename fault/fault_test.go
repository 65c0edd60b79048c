package fault

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Code
	}{
		{"plain error is internal", errors.New("boom"), Internal},
		{"fault error keeps its code", New(NotFound, "没有这个部门"), NotFound},
		{"wrapped fault error keeps its code", fmt.Errorf("load: %w", Invalid("name", "名称不能为空")), BadInput},
		{"nil-free wrap of internal", fmt.Errorf("x: %w", errors.New("y")), Internal},
	}
	for _, tt := range tests {
		if got := CodeOf(tt.err); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	if !Is(fmt.Errorf("a: %w", New(Conflict, "dup")), Conflict) {
		t.Error("Is must see through wrapping")
	}
	e := Invalid("code", "部门代码重复")
	if e.Field != "code" || e.Code != BadInput {
		t.Errorf("Invalid built %+v", e)
	}
}
