package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/uptrace/bun"
)

// Import job states.
const (
	ImportQueued    = "QUEUED"
	ImportRunning   = "RUNNING"
	ImportSucceeded = "SUCCEEDED"
	ImportFailed    = "FAILED"
)

// ImportJob is a bulk import, recorded so that it survives a restart and
// any replica can run it.
type ImportJob struct {
	bun.BaseModel `bun:"table:import_jobs"`

	ID             string     `bun:"id,pk"`
	Kind           string     `bun:"kind"`
	FileName       string     `bun:"file_name"`
	FileSize       int64      `bun:"file_size"`
	FileSHA256     string     `bun:"file_sha256"`
	Status         string     `bun:"status"`
	DryRun         bool       `bun:"dry_run"`
	AllOrNothing   bool       `bun:"all_or_nothing"`
	DepartmentID   *string    `bun:"department_id"`
	CreatedBy      string     `bun:"created_by"`
	CreatedRole    string     `bun:"created_role"`
	RequestID      string     `bun:"request_id"`
	ClientAddr     string     `bun:"client_addr"`
	ClaimedBy      string     `bun:"claimed_by"`
	HeartbeatAt    *time.Time `bun:"heartbeat_at"`
	Attempts       int        `bun:"attempts"`
	TotalRows      int        `bun:"total_rows"`
	ProcessedRows  int        `bun:"processed_rows"`
	CreatedCount   int        `bun:"created_count"`
	UpdatedCount   int        `bun:"updated_count"`
	UnchangedCount int        `bun:"unchanged_count"`
	RejectedCount  int        `bun:"rejected_count"`
	Message        string     `bun:"message"`
	CreatedAt      time.Time  `bun:"created_at"`
	StartedAt      *time.Time `bun:"started_at"`
	FinishedAt     *time.Time `bun:"finished_at"`
}

// ImportRowError is one reason one row was rejected.
type ImportRowError struct {
	bun.BaseModel `bun:"table:import_job_errors"`

	JobID   string `bun:"job_id,pk"`
	Seq     int    `bun:"seq,pk"`
	RowNo   int    `bun:"row_no"`
	Col     string `bun:"col"`
	Code    string `bun:"code"`
	Message string `bun:"message"`
}

// importChunk is how much of an uploaded file one row of import_job_files holds.
const importChunk = 1 << 20

// InsertImportJob stores a new job and its file, read from r in chunks.
func InsertImportJob(ctx context.Context, idb bun.IDB, j *ImportJob, r io.Reader) error {
	if _, err := idb.NewInsert().Model(j).Exec(ctx); err != nil {
		return fmt.Errorf("insert import job: %w", err)
	}
	buf := make([]byte, importChunk)
	for n := 0; ; n++ {
		k, err := io.ReadFull(r, buf)
		if k > 0 {
			if _, err := idb.ExecContext(ctx, "INSERT INTO import_job_files (job_id, chunk_no, data) VALUES (?, ?, ?)",
				j.ID, n, buf[:k]); err != nil {
				return fmt.Errorf("store import file chunk %d: %w", n, err)
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read upload: %w", err)
		}
	}
}

// ImportFile returns a reader over a job's stored file, reading one chunk at
// a time.
func ImportFile(ctx context.Context, idb bun.IDB, jobID string) io.Reader {
	return &chunkReader{ctx: ctx, idb: idb, jobID: jobID}
}

type chunkReader struct {
	ctx   context.Context
	idb   bun.IDB
	jobID string
	next  int
	buf   []byte
	done  bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		var data []byte
		err := c.idb.NewSelect().TableExpr("import_job_files").Column("data").
			Where("job_id = ? AND chunk_no = ?", c.jobID, c.next).Scan(c.ctx, &data)
		if errors.Is(err, sql.ErrNoRows) {
			c.done = true
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("read import file chunk %d: %w", c.next, err)
		}
		c.buf, c.next = data, c.next+1
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// GetImportJob returns one job, or ErrNotFound.
func GetImportJob(ctx context.Context, idb bun.IDB, id string) (*ImportJob, error) {
	j := new(ImportJob)
	err := idb.NewSelect().Model(j).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get import job %s: %w", id, err)
	}
	return j, nil
}

// ListImportJobs returns jobs newest first (ids are UUIDv7, so id order is
// creation order), optionally of one department, after the given id.
func ListImportJobs(ctx context.Context, idb bun.IDB, departmentID string, first int, beforeID string) ([]ImportJob, bool, error) {
	var out []ImportJob
	q := idb.NewSelect().Model(&out).Order("id DESC").Limit(int64(first + 1))
	if departmentID != "" {
		q = q.Where("department_id = ?", departmentID)
	}
	if beforeID != "" {
		q = q.Where("id < ?", beforeID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list import jobs: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// ClaimImportJob takes the oldest queued job, or a running one whose runner
// stopped sending heartbeats before staleBefore (a crashed or restarted
// replica), for runner. It returns nil when there is none.
func ClaimImportJob(ctx context.Context, store *DB, runner string, now, staleBefore time.Time) (*ImportJob, error) {
	var job *ImportJob
	err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		j := new(ImportJob)
		err := tx.NewSelect().Model(j).
			Where("status = ? OR (status = ? AND (heartbeat_at IS NULL OR heartbeat_at < ?))", ImportQueued, ImportRunning, staleBefore).
			Order("created_at").Limit(1).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		// The status and heartbeat in the WHERE make the claim exclusive: a
		// replica that read the same row a moment ago updates nothing.
		res, err := tx.NewUpdate().Model(j).
			Set("status = ?", ImportRunning).Set("claimed_by = ?", runner).Set("heartbeat_at = ?", now).
			Set("attempts = attempts + 1").Set("started_at = COALESCE(started_at, ?)", now).
			Where("id = ? AND status = ?", j.ID, j.Status).
			Where("(heartbeat_at IS NULL AND ? IS NULL) OR heartbeat_at = ?", j.HeartbeatAt, j.HeartbeatAt).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			job, err = GetImportJob(ctx, tx, j.ID)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim import job: %w", err)
	}
	return job, nil
}

// ImportProgress is what a runner reports as it goes.
type ImportProgress struct {
	TotalRows, ProcessedRows              int
	Created, Updated, Unchanged, Rejected int
}

// UpdateImportProgress records progress and the heartbeat of runner; it
// returns false when the job is no longer this runner's.
func UpdateImportProgress(ctx context.Context, idb bun.IDB, id, runner string, p ImportProgress, now time.Time) (bool, error) {
	res, err := idb.NewUpdate().Model((*ImportJob)(nil)).
		Set("total_rows = ?", p.TotalRows).Set("processed_rows = ?", p.ProcessedRows).
		Set("created_count = ?", p.Created).Set("updated_count = ?", p.Updated).
		Set("unchanged_count = ?", p.Unchanged).Set("rejected_count = ?", p.Rejected).
		Set("heartbeat_at = ?", now).
		Where("id = ? AND claimed_by = ? AND status = ?", id, runner, ImportRunning).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("record import progress: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// FinishImportJob ends a job with status and message.
func FinishImportJob(ctx context.Context, idb bun.IDB, id, status, message string, p ImportProgress, now time.Time) error {
	_, err := idb.NewUpdate().Model((*ImportJob)(nil)).
		Set("status = ?", status).Set("message = ?", message).Set("finished_at = ?", now).
		Set("total_rows = ?", p.TotalRows).Set("processed_rows = ?", p.ProcessedRows).
		Set("created_count = ?", p.Created).Set("updated_count = ?", p.Updated).
		Set("unchanged_count = ?", p.Unchanged).Set("rejected_count = ?", p.Rejected).
		Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("finish import job: %w", err)
	}
	return nil
}

// ReplaceImportErrors stores a job's rejected rows, replacing earlier ones
// (a resumed job reports afresh).
func ReplaceImportErrors(ctx context.Context, idb bun.IDB, jobID string, errs []ImportRowError) error {
	if _, err := idb.NewDelete().Model((*ImportRowError)(nil)).Where("job_id = ?", jobID).Exec(ctx); err != nil {
		return fmt.Errorf("clear import errors: %w", err)
	}
	for start := 0; start < len(errs); start += 500 {
		chunk := errs[start:min(start+500, len(errs))]
		if _, err := idb.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return fmt.Errorf("store import errors: %w", err)
		}
	}
	return nil
}

// ImportErrors returns a job's rejected rows in row order after seq.
func ImportErrors(ctx context.Context, idb bun.IDB, jobID string, first, afterSeq int) ([]ImportRowError, bool, error) {
	var out []ImportRowError
	err := idb.NewSelect().Model(&out).Where("job_id = ? AND seq > ?", jobID, afterSeq).
		Order("seq").Limit(int64(first + 1)).Scan(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("list import errors: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// CountImportErrors counts a job's rejected-row errors.
func CountImportErrors(ctx context.Context, idb bun.IDB, jobID string) (int, error) {
	n, err := idb.NewSelect().Model((*ImportRowError)(nil)).Where("job_id = ?", jobID).Count(ctx)
	return int(n), err
}

// DeleteImportFile drops a finished job's stored file.
func DeleteImportFile(ctx context.Context, idb bun.IDB, jobID string) error {
	_, err := idb.NewDelete().TableExpr("import_job_files").Where("job_id = ?", jobID).Exec(ctx)
	return err
}
