"""Every data file inside seqcore (quiz questions, shipped reviews, probes) is declared as
package data in pyproject.toml, so that an installed package carries it."""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_data_file_in_the_package_is_declared():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = config["tool"]["setuptools"]["package-data"]
    missing = []
    for path in (ROOT / "seqcore").rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(ROOT)
        ok = False
        for package, patterns in declared.items():
            base = Path(*package.split("."))
            if rel.is_relative_to(base):
                inner = rel.relative_to(base).as_posix()
                ok = ok or any(fnmatch.fnmatch(inner, pattern) for pattern in patterns)
        if not ok:
            missing.append(str(rel))
    assert not missing, f"data files not declared in [tool.setuptools.package-data]: {missing}"
