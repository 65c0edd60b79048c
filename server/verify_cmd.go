package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/suiji-dev/suiji/draw"
)

// maxEvidenceBytes bounds what verify-draw reads: the whole evidence of a
// million-object draw is about 50 MB.
const maxEvidenceBytes = 1 << 30

// cmdVerifyDraw checks an evidence document, or every case of a vectors
// file, with no database: exit 0 verified, 1 mismatch, 2 unreadable input.
func cmdVerifyDraw(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	usage := "Usage: suiji verify-draw FILE|URL\n\n" +
		"Recomputes a draw from its evidence document (public or whole), or runs every case of a\n" +
		"test-vectors file, without any database. Prints \"verified N selections\" and what the\n" +
		"document left out, or the first mismatch. Exit 0 verified, 1 mismatch, 2 unreadable input."
	if len(args) != 1 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(stderr, usage)
		if len(args) == 1 {
			return nil
		}
		return &exitError{code: 2, err: errors.New("verify-draw: name one file or URL")}
	}
	doc, err := readEvidence(ctx, args[0])
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	var probe struct {
		Cases json.RawMessage `json:"cases"`
	}
	if json.Unmarshal(doc, &probe) != nil {
		return &exitError{code: 2, err: fmt.Errorf("%s is not JSON", args[0])}
	}
	if probe.Cases != nil {
		return verifyVectors(doc, stdout)
	}
	rep, err := draw.Verify(doc)
	if err != nil {
		var ve *draw.VerifyError
		if errors.As(err, &ve) && ve.Check == draw.CheckDecode {
			return &exitError{code: 2, err: fmt.Errorf("%s is not an evidence document: %s", args[0], ve.Reason)}
		}
		fmt.Fprintln(stdout, "MISMATCH:", err)
		return &exitError{code: 1, err: errors.New("")}
	}
	fmt.Fprintln(stdout, rep.String())
	return nil
}

func readEvidence(ctx context.Context, src string) ([]byte, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
		if err != nil {
			return nil, err
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, fmt.Errorf("fetch %s: %w", src, err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("fetch %s: HTTP %d", src, res.StatusCode)
		}
		return readAllLimited(res.Body, src)
	}
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", src, err)
	}
	defer f.Close()
	return readAllLimited(f, src)
}

func readAllLimited(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxEvidenceBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > maxEvidenceBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, maxEvidenceBytes)
	}
	return b, nil
}

// vectorCase is one case of the spec's test vectors: an input with its
// expected document, failure or refusal, or a document with its verdict.
type vectorCase struct {
	Name            string          `json:"name"`
	Input           json.RawMessage `json:"input"`
	Expected        json.RawMessage `json:"expected"`
	ExpectedFailure *draw.Failure   `json:"expected_failure"`
	ExpectedRefusal bool            `json:"expected_refusal"`
	Document        json.RawMessage `json:"document"`
	Valid           *bool           `json:"valid"`
	NotChecked      []string        `json:"not_checked"`
}

// verifyVectors runs every case and reports the first that disagrees.
func verifyVectors(doc []byte, stdout io.Writer) error {
	var file struct {
		Algorithm string       `json:"algorithm"`
		Cases     []vectorCase `json:"cases"`
	}
	if err := json.Unmarshal(doc, &file); err != nil {
		return &exitError{code: 2, err: fmt.Errorf("not a vectors file: %w", err)}
	}
	selections := 0
	for _, c := range file.Cases {
		n, err := runCase(c)
		if err != nil {
			fmt.Fprintf(stdout, "MISMATCH in case %q: %v\n", c.Name, err)
			return &exitError{code: 1, err: errors.New("")}
		}
		selections += n
		fmt.Fprintf(stdout, "ok  %s\n", c.Name)
	}
	fmt.Fprintf(stdout, "verified %d selections in %d cases\n", selections, len(file.Cases))
	return nil
}

func runCase(c vectorCase) (int, error) {
	if c.Document != nil {
		rep, err := draw.Verify(c.Document)
		valid := c.Valid != nil && *c.Valid
		switch {
		case valid && err != nil:
			return 0, fmt.Errorf("a valid document fails: %v", err)
		case !valid && err == nil:
			return 0, errors.New("an altered document verifies")
		case valid && c.NotChecked != nil && !slices.Equal(rep.NotChecked, c.NotChecked):
			return 0, fmt.Errorf("not checked %v, want %v", rep.NotChecked, c.NotChecked)
		}
		return rep.Selections, nil
	}
	in, err := draw.DecodeInput(c.Input)
	if c.ExpectedRefusal {
		if err == nil {
			_, _, err = draw.Run(in)
		}
		if err == nil {
			return 0, errors.New("an invalid input was not refused")
		}
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("decode input: %v", err)
	}
	ev, failure, err := draw.Run(in)
	if err != nil {
		return 0, err
	}
	if c.ExpectedFailure != nil {
		if failure == nil || *failure != *c.ExpectedFailure {
			return 0, fmt.Errorf("failure %+v, want %+v", failure, *c.ExpectedFailure)
		}
		return 0, nil
	}
	if failure != nil {
		return 0, fmt.Errorf("draw failed at %+v", *failure)
	}
	got, err := json.Marshal(ev)
	if err != nil {
		return 0, err
	}
	if !sameJSON(got, c.Expected) {
		return 0, errors.New("the recomputed evidence differs from the expected document")
	}
	rep, err := draw.Verify(c.Expected)
	if err != nil {
		return 0, fmt.Errorf("the expected document fails verification: %v", err)
	}
	return rep.Selections, nil
}

// sameJSON compares documents as JSON values, numbers exactly.
func sameJSON(a, b []byte) bool {
	decode := func(raw []byte) (any, error) {
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		var v any
		err := d.Decode(&v)
		return v, err
	}
	x, err1 := decode(a)
	y, err2 := decode(b)
	return err1 == nil && err2 == nil && reflect.DeepEqual(x, y)
}
