package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// internalMessage is all a client learns of an unexpected failure: the
// request id lets an operator find the cause in the log.
const internalMessage = "服务器内部错误，请稍后再试 (internal error, please try again later)"

// errorPresenter gives every error an extensions.code and a message a
// person can act on. A *fault.Error keeps its code and message; gqlgen's own
// protocol errors keep theirs (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
// PERSISTED_QUERY_NOT_FOUND); anything else is logged and becomes INTERNAL,
// so SQL text and stack traces never reach a client.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if f, ok := fault.As(err); ok {
			gerr.Message = f.Message
			gerr.Extensions = map[string]any{"code": string(f.Code)}
			if f.Field != "" {
				gerr.Extensions["field"] = f.Field
			}
			if f.Code == fault.Internal {
				logInternal(ctx, log, err)
				gerr.Message = internalMessage
			}
			return gerr
		}
		var ge *gqlerror.Error
		if errors.As(err, &ge) && ge.Err == nil {
			// Raised by gqlgen itself about the request: keep its code, or
			// call it bad input.
			if gerr.Extensions["code"] == nil {
				gerr.Extensions = map[string]any{"code": string(fault.BadInput)}
				if strings.HasPrefix(gerr.Message, "json request body could not be decoded") {
					gerr.Message = "请求体不是有效的 JSON 对象 (request body is not a valid JSON object)"
				}
			}
			return gerr
		}
		if name, ok := badArgument(ctx, gerr); ok {
			cause := err
			if ge != nil && ge.Err != nil {
				cause = ge.Err
			}
			gerr.Message = fmt.Sprintf("参数 %s 无效：%v (argument %s is invalid)", name, cause, name)
			gerr.Extensions = map[string]any{"code": string(fault.BadInput), "field": name}
			return gerr
		}
		if err.Error() == "introspection disabled" || errors.Unwrap(err) != nil && errors.Unwrap(err).Error() == "introspection disabled" {
			gerr.Message = "查看接口结构需要先登录 (sign in to introspect the schema)"
			gerr.Extensions = map[string]any{"code": string(fault.Unauthenticated)}
			return gerr
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			gerr.Message = "请求已取消或超时 (request cancelled or timed out)"
			gerr.Extensions = map[string]any{"code": string(fault.Internal)}
			return gerr
		}
		logInternal(ctx, log, err)
		gerr.Message = internalMessage
		gerr.Extensions = map[string]any{"code": string(fault.Internal)}
		return gerr
	}
}

func logInternal(ctx context.Context, log *slog.Logger, err error) {
	c := identity.From(ctx)
	attrs := []any{"err", err, "request_id", c.RequestID, "user", c.Username}
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		attrs = append(attrs, "path", fc.Path().String())
	}
	log.ErrorContext(ctx, "graphql internal error", attrs...)
}

// recoverFunc turns a panic in a resolver into an INTERNAL error, logged
// with its stack; the server keeps serving.
func recoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v),
			"request_id", identity.From(ctx).RequestID, "stack", string(debug.Stack()))
		return fault.New(fault.Internal, internalMessage)
	}
}

// badArgument reports whether gerr is gqlgen's complaint about an argument
// literal that does not coerce (a malformed Date or Time, a missing
// upload): its path ends with the name of one of the field's arguments.
func badArgument(ctx context.Context, gerr *gqlerror.Error) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil || len(gerr.Path) == 0 {
		return "", false
	}
	// The path runs field, argument, then input fields: createObject.input.uid.
	for i, el := range gerr.Path {
		name, ok := el.(ast.PathName)
		if ok && fc.Field.Definition.Arguments.ForName(string(name)) != nil {
			var parts []string
			for _, rest := range gerr.Path[i:] {
				parts = append(parts, fmt.Sprint(rest))
			}
			return strings.Join(parts, "."), true
		}
	}
	return "", false
}
