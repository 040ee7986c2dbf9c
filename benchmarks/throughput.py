"""Throughput and memory of `vnner extract` beside underthesea, on one corpus, in one run.

Builds a corpus of at least 1 MB from the bundled texts (the three real articles, the
samples and the annotated documents), then measures syllables per second of:
  - `vnner extract` with 1 and with 2 workers (a subprocess each, as a user runs it),
  - underthesea's `ner` and underthesea's `word_tokenize` alone, on the same texts,
and the peak resident memory of the extraction process tree, on the corpus and on ten
times the corpus (streaming means the second should not be much higher); then one long
document of 0.25 MB and one of 4 MB through `nlp(text)` (cost must grow linearly), and what
`nlp.pipe` batch sizes and `n_process` cost and buy.

    python benchmarks/throughput.py [--mb 1] [--skip-ner] [--skip-memory] [--skip-pipe] [--model PATH]

Every measurement runs once, in steady state on both sides: vnner's extraction time is the
wall time of `vnner extract` on the corpus doubled minus that on the corpus (interpreter start
and model load cancel out), and underthesea's functions are called once before timing.
"""

from __future__ import annotations

import argparse
import itertools
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


def write_corpus(path: Path, docs: list[dict], times: int = 1) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for k in range(times):
            for d in docs:
                out.write(json.dumps({"id": f"{d['id']}-{k}", "text": d["text"]}, ensure_ascii=False) + "\n")
    return path


def run_extract(path: Path, workers: int, model: str | None) -> tuple[float, float, int]:
    """Wall seconds, extraction seconds (as `vnner extract` reports its own loop) and peak tree RSS (kB) of one run."""
    out = path.with_suffix(f".out{workers}.jsonl")
    cmd = [sys.executable, "-m", "vnner", "extract", str(path), "-o", str(out), "--workers", str(workers)]
    if model:
        cmd += ["--model", model]
    started = time.perf_counter()
    # One BLAS thread per process: "one worker" is one core, as underthesea's functions use.
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
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
        from vnner.pipeline.sentences import text_sentences

        for d in docs:  # underthesea's ner works sentence by sentence
            for s, e in text_sentences(d["text"]):
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
    ap.add_argument("--skip-pipe", action="store_true", help="skip the nlp.pipe batch size and n_process measurements")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the speed ratios (their median is reported)")
    ap.add_argument("--only-ratios", action="store_true", help="only the speed ratios against underthesea")
    args = ap.parse_args()

    docs = build_corpus(int(args.mb * 1_000_000))
    n_syl = syllables(docs)
    size = sum(len(d["text"].encode("utf-8")) for d in docs)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(f"corpus: {len(docs)} documents, {size / 1e6:.2f} MB, {n_syl:,} syllables")
    if args.only_ratios:
        measure_ratios(docs, n_syl, args.model, args.rounds)
        return
    ceiling = machine_ceiling(1)
    print(f"machine ceiling: two CPU-bound Python processes run {ceiling:.2f}x as fast as one")
    with tempfile.TemporaryDirectory() as tmp:
        one_path = write_corpus(Path(tmp) / "corpus.jsonl", docs)
        two_path = write_corpus(Path(tmp) / "corpus2.jsonl", docs, 2)
        rates, peaks = {}, {}
        for workers in (1, 2):
            wall1, _, peak = run_extract(one_path, workers, args.model)
            wall2, _, _ = run_extract(two_path, workers, args.model)
            seconds = wall2 - wall1  # the second copy of the corpus: steady state, no start-up
            peaks[workers] = peak
            if seconds < 0.25 * wall1:  # the doubled run was not slower: another job disturbed one of them
                print(
                    f"vnner extract, {workers} worker(s): not measurable this run (corpus {wall1:.1f} s, doubled "
                    f"{wall2:.1f} s): run again"
                )
                continue
            rates[f"extract x{workers}"] = n_syl / seconds
            print(
                f"vnner extract, {workers} worker(s): {seconds:7.1f} s  {n_syl / seconds:9,.0f} syl/s  "
                f"(corpus {wall1:.1f} s, doubled {wall2:.1f} s, wall with start-up)  peak RSS {peak / 1024:7.0f} MB"
            )
        seconds = time_underthesea(docs, "word_tokenize")
        rates["word_tokenize"] = n_syl / seconds
        print(f"underthesea word_tokenize:     {seconds:7.1f} s  {n_syl / seconds:9,.0f} syl/s")
        if not args.skip_ner:
            seconds = time_underthesea(docs, "ner")
            rates["ner"] = n_syl / seconds
            print(f"underthesea ner:               {seconds:7.1f} s  {n_syl / seconds:9,.0f} syl/s")
        if not args.skip_memory:
            big = write_corpus(Path(tmp) / "corpus10.jsonl", docs, 10)
            _, seconds, peak10 = run_extract(big, 1, args.model)
            print(f"vnner extract, 1 worker, 10x input: {seconds:7.1f} s  peak RSS {peak10 / 1024:7.0f} MB")

    long_docs = measure_long_documents(docs, args.model)
    long_line = measure_long_line(docs, args.model)
    if not args.skip_pipe:
        measure_pipe(docs, args.model)

    print("\nratios (goal), steady state; the bars are for the median of --only-ratios --rounds 3:")
    one, two = rates.get("extract x1"), rates.get("extract x2")
    if one and "ner" in rates:
        print(f"  extract x1 / underthesea ner        = {one / rates['ner']:6.2f}  (bar 11, goal 20)")
    if one:
        print(f"  extract x1 / word_tokenize           = {one / rates['word_tokenize']:6.2f}  (bar 0.8, goal 1.0)")
    if one and two:
        print(f"  extract x2 / extract x1              = {two / one:6.2f}  (this machine's ceiling {ceiling:.2f})")
    if not args.skip_memory:
        print(f"  peak RSS 10x input / 1x input        = {peak10 / peaks[1]:6.2f}  (< 1.2)")
    print(f"  4 MB document / (16 x 0.25 MB)       = {long_docs:6.2f}  (<= 1.3)")
    print(f"  1 MB line / (16 x 64 kB line)        = {long_line:6.2f}  (<= 1.3)")


def measure_ratios(docs: list[dict], n_syl: int, model: str | None, rounds: int) -> None:
    """extract x1 / underthesea ner and extract x1 / word_tokenize, each round measured side by side;
    the medians are the figures (the machine is shared: one round alone says little)."""
    import statistics

    ner_ratios, wt_ratios = [], []
    with tempfile.TemporaryDirectory() as tmp:
        one_path = write_corpus(Path(tmp) / "corpus.jsonl", docs)
        two_path = write_corpus(Path(tmp) / "corpus2.jsonl", docs, 2)
        for k in range(rounds):
            wall1, _, _ = run_extract(one_path, 1, model)
            wall2, _, _ = run_extract(two_path, 1, model)
            extract = n_syl / max(wall2 - wall1, 1e-9)
            ner = n_syl / time_underthesea(docs, "ner")
            wt = n_syl / time_underthesea(docs, "word_tokenize")
            ner_ratios.append(extract / ner)
            wt_ratios.append(extract / wt)
            print(
                f"round {k + 1}: extract x1 {extract:9,.0f} syl/s, underthesea ner {ner:7,.0f}, word_tokenize "
                f"{wt:9,.0f}; ratios {extract / ner:5.2f} and {extract / wt:4.2f}"
            )
    print(
        f"median of {rounds} rounds: extract x1 / ner = {statistics.median(ner_ratios):.2f} (bar 11, goal 20), "
        f"extract x1 / word_tokenize = {statistics.median(wt_ratios):.2f} (bar 0.8, goal 1.0)"
    )


def _load(model: str | None):
    import vnner

    return vnner.load(model)


def long_document(docs: list[dict], min_bytes: int) -> str:
    """One document of at least min_bytes: the corpus's texts, one after another."""
    parts, size, i = [], 0, 0
    while size < min_bytes:
        text = docs[i % len(docs)]["text"]
        parts.append(text)
        size += len(text.encode("utf-8")) + 1
        i += 1
    return "\n".join(parts)


def measure_long_documents(docs: list[dict], model: str | None) -> float:
    """Seconds of nlp(text) for a 0.25 MB and a 4 MB document (after a warm-up); returns t(4 MB) / (16 t(0.25 MB))."""
    nlp = _load(model)
    nlp(docs[0]["text"])  # warm-up
    times = {}
    for mb in (0.25, 4.0):
        text = long_document(docs, int(mb * 1_000_000))
        started = time.perf_counter()
        doc = nlp(text)
        times[mb] = time.perf_counter() - started
        print(
            f"nlp(text), one {len(text.encode('utf-8')) / 1e6:.2f} MB document: {times[mb]:7.1f} s  "
            f"{len(text.split()) / times[mb]:9,.0f} syl/s  {len(doc.ents):,} entities  peak RSS "
            f"{_self_peak_mb():.0f} MB"
        )
    return times[4.0] / (16 * times[0.25])


def measure_long_line(docs: list[dict], model: str | None) -> float:
    """Seconds of nlp(text) for one unbroken line (no line break, no full stop) of 64 kB and of 1 MB, as
    scraped pages and PDF exports arrive; returns t(1 MB) / (16 t(64 kB))."""
    nlp = _load(model)
    words = " ".join(re.sub(r"[.!?…\n]+", " ", d["text"]) for d in docs).split()
    nlp(" ".join(words[:200]))  # warm-up
    times = {}
    for size in (64_000, 1_000_000):
        text, used = [], 0
        for w in itertools.cycle(words):  # the corpus again where it runs out before 1 MB
            text.append(w)
            used += len(w) + 1
            if used >= size:
                break
        line = " ".join(text)
        started = time.perf_counter()
        doc = nlp(line)
        times[size] = time.perf_counter() - started
        kb = len(line) / 1000
        print(f"nlp(text), one unbroken line of {kb:6.0f} kB: {times[size]:7.1f} s  {len(doc.ents):,} entities")
    return times[1_000_000] / (16 * times[64_000])


def _self_peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_pipe(docs: list[dict], model: str | None) -> None:
    """Syllables per second of the whole pipeline (nlp.pipe) by batch size and n_process, on the corpus."""
    nlp = _load(model)
    texts = [d["text"] for d in docs]
    n_syl = syllables(docs)
    list(nlp.pipe(texts[:20]))  # warm-up
    for batch_size, n_process in ((16, 1), (64, 1), (256, 1), (1024, 1), (256, 2)):
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            pass
        seconds = time.perf_counter() - started
        print(
            f"nlp.pipe batch_size={batch_size:5d} n_process={n_process}: {seconds:7.1f} s  {n_syl / seconds:9,.0f} "
            f"syl/s"
        )


if __name__ == "__main__":
    main()
