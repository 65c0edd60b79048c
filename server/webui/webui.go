// Package webui embeds the built single-page app so one binary is the whole
// product. Without a build it serves a placeholder that says how to make one.
package webui

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

const placeholder = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>随机 suiji</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>随机 suiji</h1><p>服务器已启动，但这个程序构建时没有包含前端页面。</p>
<p>The server is running, but this binary was built without the web app. Build it with
<code>npm ci &amp;&amp; npm run build</code>, then <code>go build -o bin/suiji ./server</code> (or run <code>make run</code>).</p>
<p>GraphQL: <code>POST /graphql</code></p></body></html>`

// Built reports whether the SPA was built into the binary.
func Built() bool {
	_, err := fs.Stat(dist, "dist/app/index.html")
	return err == nil
}

// Handler serves the SPA's files, and index.html for every other path so
// client-side routes survive a reload. Hashed assets are cached for a year;
// index.html never, so a new release is picked up at once.
func Handler() http.Handler {
	app, err := fs.Sub(dist, "dist/app")
	if err != nil || !Built() {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if p := path.Clean("/" + r.URL.Path); strings.HasPrefix(p, "/assets/") || path.Ext(p) != "" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write([]byte(placeholder))
		})
	}
	index, _ := fs.ReadFile(app, "index.html")
	files := http.FileServer(http.FS(app))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if p != "" && p != "index.html" {
			if st, err := fs.Stat(app, p); err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
			if strings.HasPrefix(p, "assets/") || path.Ext(p) != "" {
				http.NotFound(w, r) // a missing file is a 404, not the app
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(index))
	})
}
