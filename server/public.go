package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/graph"
)

// publicDraws answers GET /public/draws: draws newest first, a page at a
// time (?before=<id of the last draw of the previous page>&limit=50).
func (s *httpServer) publicDraws(w http.ResponseWriter, r *http.Request) {
	limit := 50
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			writeError(w, http.StatusBadRequest, fault.BadInput, "limit 应为1到200 (limit must be 1–200)")
			return
		}
		limit = n
	}
	draws, err := s.svc.PublicDraws(r.Context(), limit, r.URL.Query().Get("before"))
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	type item struct {
		ID              string    `json:"id"`
		GraphQLID       string    `json:"graphql_id"` // the same draw for GraphQL's draw(id) and node(id)
		PlanUID         string    `json:"plan_uid"`
		PlanName        string    `json:"plan_name"`
		DrawnAt         time.Time `json:"drawn_at"`
		PopulationSize  int       `json:"population_size"`
		SelectionsCount int       `json:"selections_count"`
		Status          string    `json:"status"`
	}
	out := struct {
		Draws []item `json:"draws"`
		Next  string `json:"next,omitempty"`
	}{Draws: []item{}}
	for _, d := range draws {
		out.Draws = append(out.Draws, item{d.ID, graph.DrawNodeID(d.ID), d.PlanUID, d.PlanName, d.DrawnAt, d.PopulationSize, d.SelectionsCount, d.Status})
	}
	if len(draws) == limit {
		out.Next = "/public/draws?limit=" + strconv.Itoa(limit) + "&before=" + draws[len(draws)-1].ID
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=30")
	_ = json.NewEncoder(w).Encode(out)
}

// evidence answers GET /public/draws/{id}/evidence.json: the public form
// for anonymous callers, the whole document for ADMIN, ANALYST and the
// plan's departments signed in with a bearer token.
func (s *httpServer) evidence(w http.ResponseWriter, r *http.Request) {
	doc, _, err := s.svc.Evidence(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		if f, ok := fault.As(err); ok && f.Code == fault.NotFound {
			writeError(w, http.StatusNotFound, f.Code, f.Message)
			return
		}
		s.internalError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	// The body depends on who asks: never shared between callers.
	w.Header().Set("Cache-Control", "private, max-age=60")
	w.Header().Set("Vary", "Authorization")
	w.Header().Set("Content-Disposition", `inline; filename="evidence.json"`)
	_, _ = w.Write(doc)
}

func (s *httpServer) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, fault.Internal, "服务器内部错误，请稍后再试 (internal error, please try again later)")
}
