package service

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// MaxImportBytes bounds one uploaded file. A zone's whole object library in
// XLSX is a few tens of megabytes; anything near this is a mistake.
const MaxImportBytes = 100 << 20

// ImportKinds lists what can be imported.
var ImportKinds = []string{"OBJECTS", "INSPECTORS", "ITEMS"}

// ImportRequest is an uploaded file to import.
type ImportRequest struct {
	Kind         string
	FileName     string
	Size         int64
	File         io.Reader
	DryRun       bool
	AllOrNothing bool
	// Runner, when set, claims the job for the caller, which runs it itself
	// (the shell); background runners leave it alone.
	Runner string
}

// StartImport stores the file and queues a job; a runner picks it up at
// once. A file that is plainly not a spreadsheet is refused here, before
// anything is stored.
func (s *Service) StartImport(ctx context.Context, req ImportRequest) (*db.ImportJob, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin); err != nil {
		return nil, err
	}
	var p Problems
	p.oneOf("kind", "导入类型", req.Kind, ImportKinds)
	name := p.text("file", "文件名", filepath.Base(strings.ReplaceAll(req.FileName, `\`, "/")), true, 200)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if req.Size > MaxImportBytes {
		return nil, fault.Invalid("file", "文件过大：%d MB，上限为%d MB (file too large: %d MB, the limit is %d MB)",
			req.Size>>20, MaxImportBytes>>20, req.Size>>20, MaxImportBytes>>20)
	}
	if req.Size == 0 {
		return nil, fault.Invalid("file", "文件是空的 (the file is empty)")
	}
	br := bufio.NewReaderSize(req.File, 8192)
	head, _ := br.Peek(8192)
	if err := sniffSpreadsheet(head); err != nil {
		return nil, err
	}
	c := identity.From(ctx)
	job := &db.ImportJob{ID: uuid.Must(uuid.NewV7()).String(), Kind: req.Kind, FileName: name, FileSize: req.Size,
		Status: db.ImportQueued, DryRun: req.DryRun, AllOrNothing: req.AllOrNothing, CreatedBy: c.Username,
		CreatedRole: string(c.Role), RequestID: c.RequestID, ClientAddr: c.ClientAddr, CreatedAt: s.now()}
	if c.Role == identity.DeptAdmin {
		job.DepartmentID = &c.DepartmentID
	}
	if req.Runner != "" {
		now := s.now()
		job.Status, job.ClaimedBy, job.HeartbeatAt, job.StartedAt, job.Attempts = db.ImportRunning, req.Runner, &now, &now, 1
	}
	hash := sha256.New()
	counted := &countingReader{r: io.TeeReader(io.LimitReader(br, MaxImportBytes+1), hash)}
	err := s.mutate(ctx, "import.start", func(ctx context.Context, tx bun.Tx) (Change, error) {
		if err := db.InsertImportJob(ctx, tx, job, counted); err != nil {
			return Change{}, err
		}
		if counted.n > MaxImportBytes {
			return Change{}, fault.Invalid("file", "文件过大，上限为%d MB (file too large, the limit is %d MB)", MaxImportBytes>>20, MaxImportBytes>>20)
		}
		job.FileSize, job.FileSHA256 = counted.n, hex.EncodeToString(hash.Sum(nil))
		if _, err := tx.NewUpdate().Model(job).Column("file_size", "file_sha256").WherePK().Exec(ctx); err != nil {
			return Change{}, err
		}
		return Change{TargetType: "ImportJob", TargetID: job.ID, After: map[string]any{"kind": job.Kind,
			"file": job.FileName, "size": job.FileSize, "sha256": job.FileSHA256, "dryRun": job.DryRun,
			"allOrNothing": job.AllOrNothing}}, nil
	})
	if err != nil {
		return nil, err
	}
	s.nudgeImports()
	return job, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// sniffSpreadsheet refuses what is plainly not CSV or XLSX: binary files,
// old .xls workbooks, PDFs, images.
func sniffSpreadsheet(head []byte) error {
	switch {
	case len(head) >= 4 && string(head[:4]) == "PK\x03\x04":
		return nil // a ZIP: XLSX, checked fully when read
	case len(head) >= 4 && string(head[:4]) == "\xd0\xcf\x11\xe0":
		return fault.Invalid("file", "这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入 (old .xls workbooks are not supported: save as .xlsx or CSV)")
	case strings.ContainsRune(string(head), 0):
		return fault.Invalid("file", "文件不是电子表格（CSV 或 XLSX） (the file is not a spreadsheet: CSV or XLSX)")
	}
	// Text in UTF-8 or GB18030: count bytes that are neither.
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n <= 1 && head[i] < 0x81 && head[i] != '\t' && head[i] != '\r' && head[i] != '\n' {
			bad++
		}
		if r < 0x20 && r != '\t' && r != '\r' && r != '\n' {
			bad++
		}
		i += max(n, 1)
	}
	if bad*20 > len(head) {
		return fault.Invalid("file", "文件不是电子表格（CSV 或 XLSX） (the file is not a spreadsheet: CSV or XLSX)")
	}
	return nil
}

// ImportJobs lists jobs newest first: all for ADMIN, a DEPT_ADMIN's
// department's own.
func (s *Service) ImportJobs(ctx context.Context, first int, beforeID string) ([]db.ImportJob, bool, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin); err != nil {
		return nil, false, err
	}
	dept := ""
	if c := identity.From(ctx); c.Role == identity.DeptAdmin {
		dept = c.DepartmentID
	}
	return db.ListImportJobs(ctx, s.db, dept, first, beforeID)
}

// ImportJob returns one job the caller may see.
func (s *Service) ImportJob(ctx context.Context, id string) (*db.ImportJob, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin); err != nil {
		return nil, err
	}
	j, err := db.GetImportJob(ctx, s.db, id)
	if err != nil {
		return nil, notFound(err, "import job")
	}
	if c := identity.From(ctx); c.Role == identity.DeptAdmin && (j.DepartmentID == nil || *j.DepartmentID != c.DepartmentID) {
		return nil, notFound(db.ErrNotFound, "import job")
	}
	return j, nil
}

// ImportErrors returns a job's rejected rows.
func (s *Service) ImportErrors(ctx context.Context, jobID string, first, afterSeq int) ([]db.ImportRowError, bool, error) {
	if _, err := s.ImportJob(ctx, jobID); err != nil {
		return nil, false, err
	}
	return db.ImportErrors(ctx, s.db, jobID, first, afterSeq)
}

// CountImportErrors counts a job's row errors.
func (s *Service) CountImportErrors(ctx context.Context, jobID string) (int, error) {
	if _, err := s.ImportJob(ctx, jobID); err != nil {
		return 0, err
	}
	return db.CountImportErrors(ctx, s.db, jobID)
}
