# claimscope: `make report` and `make test` are all a fresh clone needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= corpus
OUT    ?= reports
ARGS   ?=

.PHONY: help install install-dev report test lint lab notebooks bench evaluate clean

help:
	@echo "make report   install into $(VENV) and run the whole suite on $(CORPUS)/ into $(OUT)/"
	@echo "make test     install with test extras and run every test, nbval included"
	@echo "make lab      JupyterLab on 127.0.0.1 (prints the URL with its token)"
	@echo "make notebooks  re-execute the notebooks in place on the sample corpus (commit outputs)"
	@echo "make evaluate print the validation figures against ../shared/data"
	@echo "make bench    print the performance figures (benchmarks/bench.py; ARGS='--only scale')"
	@echo "make clean    remove $(VENV), $(OUT)/ and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (claimscope)" >/dev/null
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (claimscope)" >/dev/null
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

report: install
	$(BIN)/claimscope report $(CORPUS) --out $(OUT) $(ARGS)

test: install-dev
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/python -m pytest -q tests lib notebooks --doctest-modules --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg

lint: install-dev
	$(BIN)/ruff check lib tests benchmarks

lab: install
	@echo "JupyterLab will print a URL with its token below; open it in your browser."
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root,)

notebooks: install-dev
	cd notebooks && for nb in [0-9][0-9]_*.ipynb; do \
		../$(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done

evaluate: install-dev
	$(BIN)/python benchmarks/evaluate_sentences.py
	$(BIN)/python benchmarks/evaluate_attribution.py
	$(BIN)/python benchmarks/evaluate_hedging.py
	$(BIN)/python benchmarks/evaluate_sentiment.py

bench: install-dev
	$(BIN)/python benchmarks/bench.py $(ARGS)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
