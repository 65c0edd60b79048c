package main

import (
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/service"
	"github.com/suiji-dev/suiji/tabular"
)

// export streams a one-time export link's file. The link carries the
// requester's rights; the browser follows it without a bearer token, so the
// file goes straight to disk instead of through the SPA's memory.
func (s *httpServer) export(w http.ResponseWriter, r *http.Request) {
	d, err := s.svc.OpenExport(r.Context(), chi.URLParam(r, "token"))
	if err != nil {
		f, ok := fault.As(err)
		if !ok || f.Code == fault.Internal {
			s.log.Error("open export", "err", err)
			http.Error(w, "服务器内部错误 (internal error)", http.StatusInternalServerError)
			return
		}
		status := http.StatusNotFound
		if f.Code == fault.Unauthenticated || f.Code == fault.Forbidden {
			status = http.StatusForbidden
		}
		http.Error(w, f.Message, status)
		return
	}
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	w.Header().Set("Cache-Control", "no-store")
	if err := d.Write(r.Context(), w); err != nil {
		// Headers are gone; the truncated download is the signal. Log why.
		s.log.Error("export stream", "err", err, "file", d.FileName)
	}
}

// importTemplate serves the import template of a kind as CSV or XLSX:
// /import/template/objects.xlsx.
func (s *httpServer) importTemplate(w http.ResponseWriter, r *http.Request) {
	file := chi.URLParam(r, "file")
	ext := path.Ext(file)
	kind := strings.ToUpper(strings.TrimSuffix(file, ext))
	cols := service.ImportColumns(kind)
	if cols == nil || (ext != ".csv" && ext != ".xlsx") {
		http.NotFound(w, r)
		return
	}
	header := tabular.Template(cols)
	name := strings.ToLower(kind) + "-template" + ext
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	var (
		out interface {
			Write([]string) error
			Close() error
		}
		err error
	)
	if ext == ".xlsx" {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		out, err = tabular.NewXLSXWriter(w, "导入模板", header)
	} else {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		out, err = tabular.NewCSVWriter(w, header)
	}
	if err == nil {
		err = out.Close()
	}
	if err != nil {
		s.log.Error("import template", "err", err)
	}
}
