"""`./dev bench`: Binnenuit's load benchmark, kept out of the shipped package.

- `runner` serves Binnenuit with gunicorn (production profile, `bench.settings`), logs in as
  each demo role and measures requests/s and p50/p95 per page against a trivial hello view;
- `settings` and `urls` are the product's settings and URLs plus that hello view, which
  exists only here;
- `national` builds the national data set (`./dev bench --national`, through
  `python -m bench.build_national`); `tests/test_bench_tools.py` runs it at a tiny scale.

Run with ``PYTHONPATH=src:tools`` (``./dev bench`` sets it): ``python -m bench --help``.
"""
