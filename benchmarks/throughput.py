"""Throughput and memory of `vnner extract` beside underthesea, on one corpus, in one run.

Builds a corpus of at least 1 MB from the bundled texts (the three real articles, the
samples and the annotated documents), then measures syllables per second of:
  - `vnner extract` with 1 and with 2 workers (a subprocess each, as a user runs it),
  - underthesea's `ner` and underthesea's `word_tokenize` alone, on the same texts,
and the peak resident memory of the extraction process tree, on the corpus and on ten
times the corpus (streaming means the second should not be much higher).

    python benchmarks/throughput.py [--mb 1] [--repeat 3] [--skip-ner] [--model PATH]

Fast measurements are repeated and the best run counts, as timeit does: on a shared machine
the best run is the one least disturbed by others. underthesea's ner (minutes) runs once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(min_bytes: int) -> list[dict]:
    from vnner.text import normalize

    texts = [normalize(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "annotations" / "raw").glob("*.txt"))]
    texts += [normalize(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.txt"))]
    for split in ("train", "dev", "test"):
        for line in (ROOT / "annotations" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    docs, size, i = [], 0, 0
    while size < min_bytes:
        text = texts[i % len(texts)]
        docs.append({"id": f"doc-{i:06d}", "text": text})
        size += len(text.encode("utf-8"))
        i += 1
    return docs


def syllables(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) for d in docs)


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
        todo.extend(children.get(p, []))
    return total


def run_extract(path: Path, workers: int, model: str | None) -> tuple[float, float, int]:
    """Wall seconds, extraction seconds and peak tree RSS (kB) of one `vnner extract` run.

    Extraction seconds are what `vnner extract` reports for its own loop (reading, tagging,
    writing), without the interpreter start and the model load that a long run amortises.
    """
    out = path.with_suffix(f".out{workers}.jsonl")
    cmd = [sys.executable, "-m", "vnner", "extract", str(path), "-o", str(out), "--workers", str(workers)]
    if model:
        cmd += ["--model", model]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    _, err = proc.communicate()
    done.set()
    t.join()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"vnner extract failed ({proc.returncode}): {err.decode()[-2000:]}")
    match = re.search(r" in ([0-9.]+)s \(", err.decode())
    return seconds, float(match.group(1)) if match else seconds, peak


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_ceiling(repeat: int, n: int = 15_000_000) -> float:
    """How much faster two CPU-bound Python processes finish two jobs than one process (best
    time of each): what a two-worker run can gain here at most (1.0 would mean one real core)."""
    from multiprocessing import get_context

    ones, twos = [], []
    with get_context("fork").Pool(2) as pool:
        for _ in range(repeat):
            started = time.perf_counter()
            _burn(n)
            _burn(n)
            ones.append(time.perf_counter() - started)
            started = time.perf_counter()
            pool.map(_burn, [n, n])
            twos.append(time.perf_counter() - started)
    return min(ones) / min(twos)


def time_underthesea(docs: list[dict], which: str) -> float:
    from underthesea import ner, word_tokenize

    fn = word_tokenize if which == "word_tokenize" else ner
    fn("khởi động mô hình")  # load the model before timing
    started = time.perf_counter()
    if which == "ner":
        from vnner.segment import sentence_spans, tokenize

        for d in docs:  # underthesea's ner works sentence by sentence
            for s, e in sentence_spans(d["text"], tokenize(d["text"])):
                fn(d["text"][s:e])
    else:
        for d in docs:
            fn(d["text"])
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size in MB (at least 1 for the report)")
    ap.add_argument("--model", default=None, help="model folder (default: the bundled model)")
    ap.add_argument("--skip-ner", action="store_true", help="skip underthesea's slow ner")
    ap.add_argument("--skip-memory", action="store_true", help="skip the ten-times-the-input memory run")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each fast measurement; the best counts (a shared machine is noisy)")
    args = ap.parse_args()

    docs = build_corpus(int(args.mb * 1_000_000))
    n_syl = syllables(docs)
    size = sum(len(d["text"].encode("utf-8")) for d in docs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    print(f"corpus: {len(docs)} documents, {size / 1e6:.2f} MB, {n_syl:,} syllables")
    ceiling = machine_ceiling(args.repeat)
    print(f"machine ceiling: two CPU-bound Python processes run {ceiling:.2f}x as fast as one")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
        rates, peaks = {}, {}
        for workers in (1, 2):
            runs = [run_extract(path, workers, args.model) for _ in range(args.repeat)]
            wall, seconds, peak = min(runs, key=lambda r: r[1])
            rates[f"extract x{workers}"] = n_syl / seconds
            peaks[workers] = peak
            print(
                f"vnner extract, {workers} worker(s): {seconds:7.1f} s  {n_syl / seconds:9,.0f} syl/s  "
                f"(wall {wall:.1f} s with start-up: {n_syl / wall:,.0f} syl/s)  peak RSS {peak / 1024:7.0f} MB"
            )
        seconds = min(time_underthesea(docs, "word_tokenize") for _ in range(args.repeat))
        rates["word_tokenize"] = n_syl / seconds
        print(f"underthesea word_tokenize:     {seconds:7.1f} s  {n_syl / seconds:9,.0f} syl/s")
        if not args.skip_ner:
            seconds = time_underthesea(docs, "ner")
            rates["ner"] = n_syl / seconds
            print(f"underthesea ner:               {seconds:7.1f} s  {n_syl / seconds:9,.0f} syl/s")
        if not args.skip_memory:
            big = Path(tmp) / "corpus10.jsonl"
            with big.open("w", encoding="utf-8") as out:
                for k in range(10):
                    for d in docs:
                        out.write(json.dumps({"id": f"{d['id']}-{k}", "text": d["text"]}, ensure_ascii=False) + "\n")
            _, seconds, peak10 = run_extract(big, 1, args.model)
            print(f"vnner extract, 1 worker, 10x input: {seconds:7.1f} s  peak RSS {peak10 / 1024:7.0f} MB")

    print("\nratios (goal), on extraction seconds (start-up excluded):")
    one, two = rates["extract x1"], rates["extract x2"]
    if "ner" in rates:
        print(f"  extract x1 / underthesea ner        = {one / rates['ner']:6.2f}  (>= 10)")
    print(f"  extract x1 / word_tokenize           = {one / rates['word_tokenize']:6.2f}  (>= 0.5)")
    print(f"  extract x2 / extract x1              = {two / one:6.2f}  (>= 1.7; this machine's ceiling {ceiling:.2f})")
    if not args.skip_memory:
        print(f"  peak RSS 10x input / 1x input        = {peak10 / peaks[1]:6.2f}  (< 1.2)")


if __name__ == "__main__":
    main()
