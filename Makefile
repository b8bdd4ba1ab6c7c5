# Two commands do all set-up on a fresh machine:
#   make report   -> .venv, install, HTML review of the bundled sample (report.html)
#   make test     -> .venv, install, the whole test suite (unit, doctest, notebooks, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report test lab sample bench notebooks walkthrough plotlyjs clean

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
	$(MAKE) walkthrough

# The walkthrough shipped in the package (for `python -m netanalysis notebook`): notebooks/01_walkthrough.ipynb
# without its outputs; tests/test_notebook_command.py checks the two are equal.
walkthrough: $(STAMP)
	$(PY) -c "import json, pathlib; from netanalysis.report.notebook import WALKTHROUGH, strip_outputs; \
	nb = strip_outputs(json.loads(pathlib.Path('notebooks/01_walkthrough.ipynb').read_text('utf-8'))); \
	pathlib.Path('netanalysis', WALKTHROUGH).write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + '\\n', 'utf-8')"

bench: $(STAMP)  # the scale benchmark, then the floor any report must take at that scale
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_floor.py

# plotly.js's basic bundle (scatter, bar, pie) at the version the installed plotly.py bundles,
# from npm (which checks the tarball's integrity), with its licence and a note of where it came from.
STATIC := netanalysis/report/static
plotlyjs: $(STAMP)
	@set -e; version=$$($(PY) -c "from plotly.offline import get_plotlyjs_version as v; print(v())"); \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	npm pack --silent --pack-destination "$$tmp" "plotly.js-basic-dist-min@$$version" >/dev/null; \
	tar -xzf "$$tmp/plotly.js-basic-dist-min-$$version.tgz" -C "$$tmp"; \
	cp "$$tmp/package/plotly-basic.min.js" $(STATIC)/plotly-basic.min.js; \
	cp "$$tmp/package/LICENSE" $(STATIC)/plotly-basic.LICENSE; \
	integrity=$$(npm view "plotly.js-basic-dist-min@$$version" dist.integrity); \
	sha=$$(sha256sum $(STATIC)/plotly-basic.min.js | cut -d' ' -f1); \
	{ echo "plotly-basic.min.js: plotly.js's basic bundle (scatter, bar, pie), the npm package"; \
	  echo "plotly.js-basic-dist-min $$version ($$integrity), unchanged; MIT licence in plotly-basic.LICENSE."; \
	  echo "Made by \`make plotlyjs\`, at the plotly.js version the installed plotly.py bundles"; \
	  echo "(plotly.offline.get_plotlyjs_version()); tests/test_bundle.py checks both."; \
	  echo "sha256 $$sha"; } > $(STATIC)/plotly-basic.SOURCE.txt; \
	echo "vendored plotly.js $$version basic bundle: $$(wc -c < $(STATIC)/plotly-basic.min.js) bytes, sha256 $$sha"

clean:
	rm -rf $(VENV) report.html summary.json .pytest_cache
