package graph

import (
	"strconv"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/graph/model"
	"github.com/suiji-dev/suiji/service"
)

func toDepartment(d *db.Department) *model.Department {
	if d == nil {
		return nil
	}
	created, updated, desc := d.CreatedAt, d.UpdatedAt, d.Description
	return &model.Department{ID: globalID("Department", d.ID), Code: d.Code, Name: d.Name,
		ShortName: d.ShortName, Description: &desc, SortOrder: d.SortOrder, Active: d.Active,
		CreatedAt: &created, UpdatedAt: &updated}
}

func toUser(u *db.User) *model.User {
	if u == nil {
		return nil
	}
	return model.NewUser(u, globalID("User", u.ID))
}

func toSession(s *service.Session) *model.AuthPayload {
	return &model.AuthPayload{AccessToken: s.AccessToken, AccessTokenExpiresAt: s.AccessTokenExpiresAt,
		RefreshToken: s.RefreshToken, RefreshTokenExpiresAt: s.RefreshTokenExpiresAt, User: toUser(s.User)}
}

func toAuditEntry(e audit.Entry) *model.AuditEntry {
	out := &model.AuditEntry{ID: globalID("AuditEntry", strconv.FormatInt(e.Seq, 10)), Seq: int(e.Seq),
		At: e.At, ActorID: e.ActorID, Actor: e.Actor, Role: e.Role, Action: e.Action,
		TargetType: e.TargetType, TargetID: e.TargetID, RequestID: e.RequestID,
		PrevHash: e.PrevHash, Hash: e.Hash}
	if len(e.Before) > 0 && string(e.Before) != "null" {
		s := string(e.Before)
		out.Before = &s
	}
	if len(e.After) > 0 && string(e.After) != "null" {
		s := string(e.After)
		out.After = &s
	}
	if e.ClientAddr != "" {
		a := e.ClientAddr
		out.ClientAddress = &a
	}
	// Targets are stored by database id; show them as the public id clients use.
	if e.TargetID != "" && (e.TargetType == "Department" || e.TargetType == "User") {
		out.TargetID = globalID(e.TargetType, e.TargetID)
	}
	return out
}

func toAuditVerification(r audit.Report) *model.AuditVerification {
	out := &model.AuditVerification{Intact: r.Intact, Entries: int(r.Entries), HeadSeq: int(r.HeadSeq),
		HeadHash: r.HeadHash, Message: r.Message, CheckedAt: db.Now()}
	if r.FirstBadSeq > 0 {
		n := int(r.FirstBadSeq)
		out.FirstBadSeq = &n
	}
	if r.CheckpointSeq > 0 {
		n := int(r.CheckpointSeq)
		out.CheckpointSeq = &n
	}
	return out
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
