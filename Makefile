# tutorbot — the commands a newcomer needs: `make chat` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MODELS ?= models

.PHONY: install test train bench chat fetch-data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first: the local CPU wheel, so nothing else can pull a CUDA build.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test,labs,postgres]'
	touch $(STAMP)

install: $(STAMP)

test: install
	$(BIN)/python -m pytest -q

train: install
	$(BIN)/tutorbot train --models $(MODELS)

# Registry-shipped corpora (ATIS, Pang & Lee, chit-chat dialogues), cached and git-ignored.
fetch-data: install
	$(BIN)/pip install --quiet -e '.[test,labs,postgres,bench]'
	$(BIN)/python -m benchmarks.fetch

bench: fetch-data
	$(BIN)/python -m benchmarks.run

chat: install
	@if [ -z "$$(ls -A $(MODELS) 2>/dev/null)" ]; then $(BIN)/tutorbot train --models $(MODELS); fi
	$(BIN)/tutorbot shell --models $(MODELS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
