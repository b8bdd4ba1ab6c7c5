# Two commands do all set-up on a fresh machine:
#   make report   -> .venv, install, HTML review of the bundled sample (report.html)
#   make test     -> .venv, install, the whole test suite (unit, doctest, notebooks, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report test lab sample bench notebooks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

report: $(STAMP)
	$(PY) -m netanalysis report -o report.html --json summary.json

test: $(STAMP)
	$(PY) -m pytest -q

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

sample: $(STAMP)
	$(PY) -m netanalysis sample --seed 7 -o data/sample --force

notebooks: $(STAMP)  # re-run the notebooks and store their outputs (after a change to the numbers)
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace --NotebookClient.record_timing=False \
	  --Exporter.preprocessors='["nbconvert.preprocessors.CoalesceStreamsPreprocessor"]' notebooks/*.ipynb

bench: $(STAMP)  # the scale benchmark, then the floor any report must take at that scale
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_floor.py

clean:
	rm -rf $(VENV) report.html summary.json .pytest_cache
