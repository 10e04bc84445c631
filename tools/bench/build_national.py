"""`python -m bench.build_national`: load the national data set (run by `./dev bench --national`).

Builds into the database that DATABASE_URL names, which must hold the migrated demo
(``manage.py seed_demo``). Prints progress on standard error and, with ``--json``, the counts
and seconds as one JSON line on standard output.
"""

# ruff: noqa: T201 (a command-line tool: printing the report is its job)

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build_national", description=__doc__)
    parser.add_argument("--organisations", type=int, help="in all (default 342)")
    parser.add_argument("--employees", type=int, help="in all (default 170,000)")
    parser.add_argument("--largest", type=int, help="employees of Voorbeeld (default 15,000)")
    parser.add_argument("--trajectories", type=int, help="in all (default 700)")
    parser.add_argument("--seed", type=int, default=2026, help="the same seed, the same data")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from dataclasses import replace

    from bench.national import NATIONAL, NationalError, build_national

    wanted = {
        name: value
        for name in ("organisations", "employees", "largest", "trajectories")
        if (value := getattr(args, name)) is not None
    }
    began = time.perf_counter()
    try:
        built = build_national(
            replace(NATIONAL, **wanted),
            seed=args.seed,
            log=lambda message: print(f"national: {message}", file=sys.stderr, flush=True),
        )
    except NationalError as exc:
        print(f"national: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - began
    if args.json:
        print(json.dumps({"seconds": round(seconds, 1), "counts": built}))
    else:
        for name, value in built.items():
            print(f"{name:>22}: {value}")
        print(f"{'seconds':>22}: {seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
