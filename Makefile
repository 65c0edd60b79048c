# suiji — the two commands the README names are `make run` and `make test`.
.PHONY: run test build generate check-generated vet spa clean

run:  ## build everything and start the server on SQLite with demo data
	./scripts/run.sh

test: ## every test: Go (SQLite and PostgreSQL), the SPA's unit tests, the browser end-to-end test
	./scripts/test.sh

build: spa ## the suiji binary with the SPA built in
	go build -o bin/suiji ./server

spa:
	./scripts/npm-ci.sh
	npm run build

generate: ## regenerate gqlgen code and the SPA's typed GraphQL documents
	go generate ./...

vet:
	go vet ./...

clean:
	rm -rf bin server/webui/dist/app
