# PiAssist: `make run` sets up and starts the app; `make test` sets up and runs every test.
# Heavy things (the Ollama build, the models) are cached in ~/.cache/piassist-dev, outside the clone.
.PHONY: setup run test lint bench screenshots screenshots-wayland translations clean

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/run.sh

test: setup
	@bash scripts/test.sh

lint: setup
	@.venv/bin/ruff check piassist tests scripts benchmarks
	@.venv/bin/ruff format --check piassist tests scripts benchmarks
	@.venv/bin/mypy

bench: setup
	@bash scripts/bench.sh

screenshots: setup
	@bash scripts/screenshots.sh

screenshots-wayland: setup
	@.venv/bin/python scripts/harness.py prepare >/dev/null
	@.venv/bin/python -m scripts.screenshots_wayland

translations: setup
	@.venv/bin/python scripts/i18n.py update

clean:
	rm -rf .venv .venv-pyside68 piassist/i18n/*.qm build dist *.egg-info
