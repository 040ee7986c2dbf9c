"""Where the time goes: CPU seconds of each pipeline component on the throughput corpus.

    python benchmarks/components.py [--mb 0.3] [--model PATH] [--rounds 3]

The tokenizer and then each component in pipeline order run over the whole corpus (the same
batches `nlp.pipe` makes); each stage's process time is measured alone, so the figures add up
to the pipeline's CPU time per corpus. The best of `--rounds` rounds is printed per stage, since
the machine is shared and noise only ever adds time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus, syllables


def profile(nlp, texts: list[str]) -> dict[str, float]:
    """Process seconds per stage, the tokenizer first, over `texts` in one pass."""
    times: dict[str, float] = {}
    start = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    times["tokenizer"] = time.process_time() - start
    for name, proc in nlp.pipeline:
        start = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=256))
        else:
            docs = [proc(d) for d in docs]
        times[name] = time.process_time() - start
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=0.3, help="corpus size in MB")
    ap.add_argument("--model", default=None, help="model folder (default: the bundled model)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds; the best of them is reported per stage")
    args = ap.parse_args()

    import vnner

    nlp = vnner.load(args.model)
    docs = build_corpus(int(args.mb * 1_000_000))
    texts = [d["text"] for d in docs]
    n_syl = syllables(docs)
    profile(nlp, texts[:20])  # warm up: lazy word lists and caches
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, seconds in profile(nlp, texts).items():
            best[name] = min(seconds, best.get(name, seconds))
    total = sum(best.values())
    print(f"corpus: {len(texts)} documents, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB, {n_syl:,} syllables")
    for name, seconds in best.items():
        print(f"{name:14s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    print(f"{'total':14s} {total:7.2f} s  {n_syl / total:9,.0f} syllables per CPU second")


if __name__ == "__main__":
    main()
