"""The project's own promises: CI runs the README's test command, and tests run from an installed package.

CI installs the package without `-e` (it lands in site-packages), so a test that finds the
checkout's files (docs/, README.md) from `crisiscomm.__file__` fails there and nowhere else.
"""

from __future__ import annotations

import pathlib
import re

CHECKOUT = pathlib.Path(__file__).resolve().parent.parent


def _readme_test_command() -> str:
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Run the tests", 1)[1]
    block = re.search(r"```sh\n(.+?)\n```", section, re.S).group(1)
    return block.split("pip install '.[test]' && ", 1)[1].strip()


def test_ci_runs_the_readme_test_command():
    command = _readme_test_command()
    ci = (CHECKOUT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"pip install -q '.[test]' && {command}\n" in ci, command


def test_no_test_looks_for_the_checkout_beside_the_installed_package():
    offenders = []
    for path in (CHECKOUT / "tests").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"crisiscomm\.__file__\)[^\n]*\.parent\.parent|ROOT\.parent\b", text):
            offenders.append(path.name)
    assert not offenders, offenders


def test_no_dict_literal_repeats_a_key():
    """A key written twice in one literal (two people adding the same message) keeps the last silently."""
    import ast

    repeated = []
    for path in (CHECKOUT / "crisiscomm").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                repeated += [f"{path.name}: {k}" for k in set(keys) if keys.count(k) > 1]
    assert not repeated, repeated
