"""environment.yml (conda) and pyproject.toml (pip) describe the same environment.

Names are compared in lower case: conda-forge spells vaderSentiment in lower case.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def _split(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)", requirement).groups()
    return name.lower(), spec.replace(" ", "")


def test_conda_environment_lists_the_same_dependencies_and_bounds() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(_split(r) for r in project["dependencies"])
    for extra in ("dask", "dev"):
        wanted.update(_split(r) for r in project["optional-dependencies"][extra])
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    conda = dict(
        _split(d) for d in env["dependencies"]
        if isinstance(d, str) and not d.startswith(("python", "pip"))
    )
    pip_part = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert pip_part[-1] == "-e ."  # claimscope itself, after what conda-forge lacks
    from_pypi = dict(_split(r) for r in pip_part[:-1])
    assert not conda.keys() & from_pypi.keys()
    assert conda | from_pypi == wanted
