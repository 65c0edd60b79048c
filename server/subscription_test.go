package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/suiji-dev/suiji/db"
)

// subscribe opens a graphql-transport-ws connection authenticated with
// token, starts query and returns a function reading the next message.
func subscribe(t *testing.T, s *testServer, token, query string) (next func() map[string]any, closeFn func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	url := "ws" + strings.TrimPrefix(s.url, "http") + "/graphql"
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		cancel()
		t.Fatalf("dial %s: %v", url, err)
	}
	send := func(v any) {
		b, _ := json.Marshal(v)
		if err := c.Write(ctx, websocket.MessageText, b); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	next = func() map[string]any {
		for {
			_, b, err := c.Read(ctx)
			if err != nil {
				return map[string]any{"type": "closed", "error": err.Error()}
			}
			var m map[string]any
			_ = json.Unmarshal(b, &m)
			if m["type"] == "ping" || m["type"] == "ka" {
				continue
			}
			return m
		}
	}
	payload := map[string]any{}
	if token != "" {
		payload["Authorization"] = "Bearer " + token
	}
	send(map[string]any{"type": "connection_init", "payload": payload})
	if m := next(); m["type"] != "connection_ack" {
		t.Fatalf("connection_init answered %v", m)
	}
	send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": query}})
	return next, func() { c.Close(websocket.StatusNormalClosure, ""); cancel() }
}

// TestSubscriptionNeedsAdmin: ADMIN receives new audit entries as they are
// written; other roles and the public are refused.
func TestSubscriptionNeedsAdmin(t *testing.T) {
	s := startServer(t, db.SQLite)
	admin := s.login("admin").AccessToken
	head := s.auditCount()
	next, closeFn := subscribe(t, s, admin, `subscription { auditAppended(afterSeq: `+itoa(head)+`) { seq action actor } }`)
	defer closeFn()
	s.must(admin, createDepartment, map[string]any{"in": map[string]any{"code": "SUB", "name": "订阅局"}}, nil)
	m := next()
	data, _ := json.Marshal(m["payload"])
	if m["type"] != "next" || !strings.Contains(string(data), "department.create") {
		t.Fatalf("admin subscription got %v, want the new department.create entry", m)
	}

	for role, user := range map[string]string{"analyst": "analyst", "public": ""} {
		tok := ""
		if user != "" {
			tok = s.login(user).AccessToken
		}
		next, closeFn := subscribe(t, s, tok, `subscription { auditAppended { seq } }`)
		m := next()
		closeFn()
		data, _ := json.Marshal(m)
		want := "FORBIDDEN"
		if role == "public" {
			want = "UNAUTHENTICATED"
		}
		if m["type"] != "error" && m["type"] != "next" || !strings.Contains(string(data), want) {
			t.Errorf("%s subscribing: got %s, want an error with %s", role, data, want)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
