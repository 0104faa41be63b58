#!/usr/bin/env python3
"""Scores exports against gold annotations and fails when a score falls below its floor.

    scripts/quality.py GOLD.json EXPORT.json FLOORS.json [--name NAME]

FLOORS.json maps the scorer's category names ("actors", "statements", "speaker accuracy",
"attack date accuracy", ...) to the lowest F1 (or accuracy) that may pass. The scorer is the
evaluation set's own `score.py`, found beside GOLD.json or one folder above it.
"""
import json
import os
import subprocess
import sys


def main(argv):
    rest = list(argv[1:])
    name = "set"
    if "--name" in rest:
        i = rest.index("--name")
        name = rest[i + 1] if i + 1 < len(rest) else name
        del rest[i : i + 2]
    args = rest
    if len(args) != 3:
        print(__doc__)
        return 2
    gold, export, floors_file = args
    here = os.path.dirname(os.path.abspath(gold))
    scorer = next(
        (p for p in (os.path.join(here, "score.py"), os.path.join(here, "..", "score.py")) if os.path.exists(p)),
        None,
    )
    if scorer is None:
        print(f"{name}: no score.py beside {gold}")
        return 2
    out = subprocess.run([sys.executable, scorer, gold, export, "--json"], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    floors = json.load(open(floors_file))[name]
    failed = []
    for k, floor in floors.items():
        v = report[k][-1]
        mark = "ok " if v >= floor else "LOW"
        print(f"{name:6} {mark} {k:26} {v:.2f} (floor {floor:.2f})")
        if v < floor:
            failed.append(k)
    if failed:
        print(f"{name}: below the floor: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
