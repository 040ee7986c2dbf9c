"""vnner installed from its wheel, run from an empty folder, gives what the checkout gives.

The wheel is built with `pip wheel --no-deps` and installed into a scratch virtualenv that
borrows the test environment's dependencies through a .pth file (so nothing is downloaded);
the scratch environment's own site-packages comes first, so `import vnner` is the wheel's,
with its packaged configs and model, never the editable checkout.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "annotations" / "raw").glob("*.txt"))

DUMP = """
import json, sys
{load}
from vnner.text import normalize
for path in sys.argv[1:]:
    doc = nlp(normalize(open(path, encoding="utf-8").read()))
    ents = [{{"start": e.start_char, "end": e.end_char, "label": e.label_, "text": e.text, "norm": e._.norm}}
            for e in doc.ents]
    print(json.dumps({{"entities": ents,
                      "officials": doc._.officials, "warnings": doc._.warnings}}, ensure_ascii=False))
"""


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _install(wheel: Path | str, site: Path, cwd: Path) -> None:
    """pip-install a wheel into the scratch site folder, nothing else."""
    _run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> dict:
    """A virtualenv holding only the vnner wheel, plus the test environment's dependencies."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    shutil.rmtree(
        ROOT / "build", ignore_errors=True
    )  # setuptools' scratch: a stale copy of a deleted module would ship
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)], cwd=base)
    (wheel,) = dist.glob("vnner-*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=base)
    python = venv / "bin" / "python"
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base).strip()
    )
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _install(wheel, site, cwd=base)
    scripts = site / "bin"  # pip --target puts console scripts here
    empty = base / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNNER_")}
    return {"python": python, "site": site, "vnner": scripts / "vnner", "cwd": empty, "env": env, "base": base}


@pytest.fixture(scope="module")
def checkout_lines(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("checkout") / "out.jsonl"
    _run([sys.executable, "-m", "vnner", "extract", *map(str, SAMPLES), "-o", str(out)], cwd=ROOT)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _facts(lines: list[dict]) -> list[dict]:
    return [{"entities": d["entities"], "officials": d["officials"], "warnings": d["warnings"]} for d in lines]


def test_the_wheel_is_what_gets_imported(scratch):
    where = _run(
        [
            str(scratch["python"]),
            "-c",
            "import vnner.paths as p; print(p.__file__); print(p.DEFAULT_MODEL); print(p.DEFAULT_CONFIG)",
        ],
        cwd=scratch["cwd"],
        env=scratch["env"],
    ).split()
    assert all(str(scratch["site"]) in line for line in where), where
    assert Path(where[1], "config.cfg").is_file() and Path(where[2]).is_file()


def test_the_doccano_server_script_ships_and_keeps_its_data_out_of_site_packages(scratch):
    got = _run(
        [str(scratch["python"]), "-c", "import vnner.paths as p; print(p.DOCCANO_SCRIPT); print(p.INSTALLED)"],
        cwd=scratch["cwd"],
        env=scratch["env"],
    ).splitlines()
    assert Path(got[0]).is_file() and str(scratch["site"]) in got[0] and got[1] == "True"
    env = {k: v for k, v in scratch["env"].items() if not k.startswith("DOCCANO_")}  # not CI's own server
    data = scratch["base"] / "user-data"  # the per-user data folder (platformdirs reads XDG_DATA_HOME)
    done = subprocess.run(
        [str(scratch["python"]), "-m", "vnner", "doccano", "serve", "status"],
        cwd=scratch["cwd"],
        env={**env, "DOCCANO_PORT": "9", "XDG_DATA_HOME": str(data)},
        capture_output=True,
        text=True,
    )
    assert "not found" not in done.stderr + done.stdout
    assert "doccano: web: not running" in done.stderr  # the packaged script ran
    web_log = data / "vnner" / "doccano" / "web.log"  # its home: in the per-user data folder
    assert f"no working doccano at http://127.0.0.1:9: the web server does not answer (log: {web_log})" in done.stderr
    assert not (Path(got[0]).parents[1] / ".doccano").exists()  # nothing written into site-packages
    assert not list(scratch["cwd"].iterdir())  # nor into the current folder


def test_extract_from_an_empty_folder_matches_the_checkout(scratch, checkout_lines):
    out = scratch["cwd"] / "out.jsonl"
    _run(
        [str(scratch["python"]), "-m", "vnner", "extract", *map(str, SAMPLES), "-o", str(out)],
        cwd=scratch["cwd"],
        env=scratch["env"],
    )
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines] == [d["id"] for d in checkout_lines]
    assert json.dumps(_facts(lines), ensure_ascii=False) == json.dumps(_facts(checkout_lines), ensure_ascii=False)
    assert sum(len(d["entities"]) for d in lines) > 50


def test_vnner_load_and_plain_spacy_load_match_the_checkout(scratch, checkout_lines):
    expected = _facts(checkout_lines)
    load = "import vnner; nlp = vnner.load()"
    got = _run(
        [str(scratch["python"]), "-c", DUMP.format(load=load), *map(str, SAMPLES)],
        cwd=scratch["cwd"],
        env=scratch["env"],
    )
    assert [json.loads(line) for line in got.splitlines()] == expected
    saved = scratch["base"] / "saved-model"
    _run(
        [str(scratch["python"]), "-c", f"import vnner; vnner.load().to_disk({str(saved)!r})"],
        cwd=scratch["cwd"],
        env=scratch["env"],
    )
    # a new process that never imports vnner by hand: the entry points register the parts
    load = "import spacy; nlp = spacy.load(sys.argv.pop(1))"
    got = _run(
        [str(scratch["python"]), "-c", DUMP.format(load=load), str(saved), *map(str, SAMPLES)],
        cwd=scratch["cwd"],
        env=scratch["env"],
    )
    assert [json.loads(line) for line in got.splitlines()] == expected


def test_a_packaged_model_installs_and_loads_by_name(scratch, checkout_lines):
    dist = scratch["base"] / "model-dist"
    _run(
        [
            str(scratch["python"]),
            "-m",
            "vnner",
            "package",
            str(ROOT / "models" / "vnner-default"),
            "-o",
            str(dist),
            "--name",
            "vnner_team",
            "--version",
            "1.2.3",
        ],
        cwd=scratch["cwd"],
        env=scratch["env"],
    )
    (wheel,) = dist.glob("xx_vnner_team-1.2.3-*.whl")
    _install(wheel, scratch["site"], cwd=scratch["cwd"])
    load = "import vnner; nlp = vnner.load('xx_vnner_team')"
    got = _run(
        [str(scratch["python"]), "-c", DUMP.format(load=load), *map(str, SAMPLES[:2])],
        cwd=scratch["cwd"],
        env=scratch["env"],
    )
    assert [json.loads(line) for line in got.splitlines()] == _facts(checkout_lines)[:2]


def test_the_readmes_package_commands_give_the_name_vnner_load_takes(scratch):
    """The README's `vnner package` session, run as written on a model `vnner train -o models/mine` made: the
    wheel, pip and vnner.load all use the one name it shows (issue 19)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    session = readme[readme.index("$ vnner package ") :]
    session = session[: session.index("```")].splitlines()
    commands = [line[2:] for line in session if line.startswith("$ ")]
    package, install, load = commands
    name = re.search(r'vnner\.load\("([^"]+)"\)', load).group(1)
    assert name in package.split("\n")[0] or name in session[1], session
    work = scratch["base"] / "readme"
    shutil.copytree(ROOT / "models" / "vnner-default", work / "models" / "mine")
    meta = json.loads((work / "models" / "mine" / "meta.json").read_text())
    (work / "models" / "mine" / "meta.json").write_text(json.dumps({**meta, "name": "mine"}))  # as train writes it
    done = subprocess.run(
        [str(scratch["python"]), "-m", *shlex.split(package)],
        cwd=work,
        env=scratch["env"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if line] == session[1:3]  # what the README shows it prints
    wheel = shlex.split(install)[-1]
    _install(wheel, scratch["site"], cwd=work)
    shown = _run([str(scratch["python"]), *shlex.split(load)[1:]], cwd=scratch["cwd"], env=scratch["env"])
    assert shown.strip() == session[session.index(f"$ {load}") + 1]
