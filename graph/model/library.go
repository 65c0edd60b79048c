package model

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/suiji-dev/suiji/db"
)

// Date is a calendar day written YYYY-MM-DD (China Standard Time).
type Date string

// UnmarshalGQL accepts only real dates.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("a Date is a string like 2026-11-25")
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%q is not a date like 2026-11-25", s)
	}
	*d = Date(s)
	return nil
}

// MarshalGQL writes the date as a string.
func (d Date) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(d))) }

// Item is one item version; relations resolve through loaders.
type Item struct {
	db.Item
	ID string // opaque
}

func (Item) IsNode() {}

// InspectionObject is a library object; relations resolve through loaders.
type InspectionObject struct {
	db.Object
	ID string // opaque
}

func (InspectionObject) IsNode() {}

// Inspector is a library inspector; relations resolve through loaders.
type Inspector struct {
	db.Inspector
	ID string // opaque
}

func (Inspector) IsNode() {}

// Conflict is a declared conflict, loaded with its object.
type Conflict struct {
	Object     db.Object
	Reason     string
	DeclaredAt time.Time
}

// ItemConnection carries its filter so totalCount runs only when asked for.
type ItemConnection struct {
	Edges    []*ItemEdge
	PageInfo *PageInfo
	Filter   db.ItemFilter
}

// InspectionObjectConnection carries its filter for totalCount.
type InspectionObjectConnection struct {
	Edges    []*InspectionObjectEdge
	PageInfo *PageInfo
	Filter   db.ObjectFilter
}

// InspectorConnection carries its filter for totalCount.
type InspectorConnection struct {
	Edges    []*InspectorEdge
	PageInfo *PageInfo
	Filter   db.InspectorFilter
}

// ImportJob is an import job; its errors resolve on demand.
type ImportJob struct {
	db.ImportJob
	ID string // opaque
}

func (ImportJob) IsNode() {}
