# factcheck: `make run` for the embedded demo, `make test` for the test suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
# Development settings unless the caller says otherwise (production sets DJANGO_DEBUG=false).
export DJANGO_DEBUG ?= true
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast lint format bench bench-scale bench-segmentation bench-checkworthiness bench-ingest bench-matching

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# Links written without a request (webhook payloads) point at the port served too, unless set.
run: export FACTCHECK_PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed
	@echo ""
	@echo "  factcheck is running at http://$(HOST):$(PORT)/"
	@echo "    public fact-checks:          http://$(HOST):$(PORT)/   (Atom feed /fact-checks/feed/, /sitemap.xml)"
	@echo "    admin (reviewers, editors):  http://$(HOST):$(PORT)/admin/   log in as reviewer, editor or editor2 (passwords above)"
	@echo "    API docs (integrators):      http://$(HOST):$(PORT)/api/docs/"
	@echo "  Another port: make run PORT=8001"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: bench-scale bench-segmentation bench-checkworthiness bench-ingest bench-matching

# One million claims in PostgreSQL (database fc_bench_scale, built once and reused; BENCH_ARGS=--rebuild
# rebuilds it): the API and admin timed beside the raw SQL, then gunicorn + wrk. Needs PostgreSQL on
# 127.0.0.1 (BENCH_DATABASE_URL) and wrk.
bench-scale: install
	$(PY) bench/scale.py $(BENCH_ARGS)

# Our claim segmenter beside pySBD, sentencex, blingfire, syntok, spaCy and NLTK punkt: Golden Rules,
# chars/s on one core, the seed article's glued captions, and the sentence-boundary gold sets read in
# place from ../shared/data/sbd/ (bench/README.md).
bench-segmentation: install
	$(VENV)/bin/pip install -q -r requirements-bench.txt
	$(PY) bench/segmentation.py $(BENCH_ARGS)

# Check-worthiness average precision on CheckThat! 2024 debates (../shared/data/checkworthiness/),
# beside "has a number" and TF-IDF + logistic regression. bench/fit_checkworthiness.py refits our points.
bench-checkworthiness: install
	$(VENV)/bin/pip install -q -r requirements-bench.txt
	$(PY) bench/checkworthiness.py

# 2,000 articles of ~5,000 characters through import_articles into PostgreSQL (database
# fc_bench_ingest, dropped and recreated) with a real Celery worker on Redis db 15, beside the bare
# segmenter on the same articles; the median of three rounds, and the pipeline with and without matching
# (the claims.match tasks run after the articles are done).
bench-ingest: install
	$(PY) bench/ingest.py $(INGEST_BENCH_ARGS)

# Our claim matcher beside plain BM25 and PostgreSQL pg_trgm (database fc_bench_matching, created if missing) on
# the CheckThat! 2021 claim-retrieval sets, read in place from ../shared/data/matching: MAP@5, Recall@1
# and @5 on the dev splits. Then claim_match timed on PostgreSQL at 100k and 1M claims (bench/matching_db.py:
# fc_bench_matching_1m and _100k, copies of bench-scale's fc_bench_scale with the fact-checks loaded; skipped,
# saying so, when fc_bench_scale is missing; BENCH_ARGS=--no-db skips it). BENCH_ARGS="--queries FILE
# --claims FILE" scores any split in that format; bench/fit_matching.py refits the weights on the train splits.
bench-matching: install
	$(PY) bench/matching.py $(BENCH_ARGS)
