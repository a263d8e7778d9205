# govkg: the two commands of the README, and the Neo4j server for development and CI.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= .govkg/store

.PHONY: setup demo test test-unit clean
PROGRAMS := loaders/data/regex-programs.marshal
TABLES := loaders/data/derived-tables.marshal
setup: $(VENV)/.installed $(PROGRAMS) $(TABLES)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@# every package is listed in pyproject (no 'package would be ignored' warnings); the remaining
	@# note is setuptools' information-only 'Editable installation' banner, silenced here.
	PYTHONWARNINGS=ignore::UserWarning $(BIN)/pip install -q -e '.[test]'
	@# bytecode now, as a wheel install would: every govkg command starts without compiling modules,
	@# even where PYTHONDONTWRITEBYTECODE is set
	$(BIN)/python -m compileall -q -x '/(\.venv|tests|tools|bench|build)/' .
	touch $@

# kept like bytecode, remade when a module or the sample changes: the readers' compiled regex
# programs (loaders/regex_memo.py; the eval documents reach patterns the sample does not) and the
# tables they derive from shipped files (loaders/tables.py)
$(PROGRAMS) $(TABLES) &: $(VENV)/.installed $(shell find loaders graph queries ontology -name '*.py') cli.py api.py loaders/sample/lishi-gazette-2024-3.txt loaders/data/traditional_to_simplified.tsv
	@$(BIN)/python tools/write_startup_files.py $(wildcard tests/eval/real/*.txt tests/eval/heldout/*.txt)

## demo: build the graph from the bundled sample gazette on the embedded store and ask it questions.
## The store is .govkg/store, which govkg finds by itself when run from this directory.
demo: setup
	$(BIN)/govkg build --store $(STORE)
	$(BIN)/govkg ask who-leads 区工科局 --store $(STORE)
	$(BIN)/govkg ask responsible 26 --doc 离政发〔2024〕30号 --store $(STORE)
	$(BIN)/govkg ask members 吕梁市离石区推动大规模设备更新和消费品以旧换新工作专班 --store $(STORE)
	$(BIN)/govkg ask person 任凯旋 --store $(STORE)
	@# the same gazette as it is published: typeset as a two-column PDF, then read from the PDF
	$(BIN)/python tools/typeset.py loaders/sample/lishi-gazette-2024-3.txt .govkg/gazette.pdf --header "吕梁市离石区人民政府公报 2024·3" --section 区政府文件
	$(BIN)/govkg build .govkg/gazette.pdf --store .govkg/store-pdf
	$(BIN)/govkg ask who-leads 区工科局 --store .govkg/store-pdf
	@echo
	@echo "Now put govkg on your PATH and ask your own questions (the README's examples work from here):"
	@echo "  . $(BIN)/activate"
	@echo "  govkg ask who-leads 区财政局"

## test: everything, against a real Neo4j started here and stopped after. Without Java/Maven the
## Neo4j tests are skipped (and say why) and the rest still run; under CI=true they fail instead.
test: setup
	@started=0; \
	if $(MAKE) -s neo4j-up; then started=1; \
	else echo "note: Neo4j could not start here (see the line above; it needs Java 17+ and Maven, tools/neo4j/README.md):" \
	          "the tests marked neo4j will be SKIPPED$$( [ "$$CI" = true ] && echo ' - no: under CI=true they FAIL')," \
	          "every other test runs" >&2; fi; \
	status=0; $(BIN)/python -m pytest -rs $(PYTEST_ARGS) || status=$$?; \
	if [ $$started = 1 ]; then $(MAKE) -s neo4j-down; fi; exit $$status

## test-unit: the tests that need no server
test-unit: setup
	$(BIN)/python -m pytest -m "not neo4j" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .govkg .pytest_cache $(PROGRAMS) $(TABLES)

include tools/neo4j/neo4j.mk
