// Command goverify is test tooling for frontend/src/verify (it lives under
// testdata, so `go build ./...` and `go vet ./...` skip it). It runs the Go
// reference verifier, draw.Verify, on documents given one per line of stdin
// as the base64 of their bytes, and writes one JSON report per line:
//
//	{"ok":true,"selections":17,"not_checked":["teams"]}
//	{"ok":false,"check":"format","reason":"..."}
//
// verify.go.test.ts (SUIJI_VERIFY_GO=1) compares them with the TypeScript
// verifier's reports: same check, same reason.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/suiji-dev/suiji/draw"
)

type report struct {
	OK         bool     `json:"ok"`
	Selections int      `json:"selections,omitempty"`
	NotChecked []string `json:"not_checked,omitempty"`
	Check      string   `json:"check,omitempty"`
	Reason     string   `json:"reason,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<31-1)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		doc, err := base64.StdEncoding.DecodeString(in.Text())
		if err != nil {
			fmt.Fprintln(os.Stderr, "goverify: bad base64:", err)
			os.Exit(2)
		}
		var r report
		rep, err := draw.Verify(doc)
		var ve *draw.VerifyError
		switch {
		case err == nil:
			r = report{OK: true, Selections: rep.Selections, NotChecked: rep.NotChecked}
		case errors.As(err, &ve):
			r = report{Check: string(ve.Check), Reason: ve.Reason}
		default:
			fmt.Fprintln(os.Stderr, "goverify:", err)
			os.Exit(2)
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, "goverify:", err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "goverify:", err)
		os.Exit(2)
	}
}
