"""A run killed mid-way leaves whole lines only, and --resume finishes it exactly (issue #7)."""

import json
import signal
import subprocess
import sys
import time

import pytest


@pytest.mark.slow
def test_killed_run_resumes_without_loss_or_repeats(raw_texts, tmp_path):
    src = tmp_path / "in.jsonl"
    texts = list(raw_texts.values())
    with src.open("w", encoding="utf-8") as out:
        for i in range(120):
            out.write(json.dumps({"id": f"d{i:03d}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    full, cut = tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    cmd = [sys.executable, "-m", "vnner", "extract", str(src)]
    subprocess.run([*cmd, "-o", str(full)], check=True, capture_output=True)

    proc = subprocess.Popen([*cmd, "-o", str(cut)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and (not cut.exists() or cut.read_bytes().count(b"\n") < 10):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    data = cut.read_bytes()
    assert data.endswith(b"\n"), "a killed run leaves no torn last line"
    done = [json.loads(line)["id"] for line in data.splitlines()]
    assert 10 <= len(done) < 120

    result = subprocess.run([*cmd, "-o", str(cut), "--resume"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"{len(done)} skipped" in result.stderr
    assert cut.read_bytes() == full.read_bytes()
