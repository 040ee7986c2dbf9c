"""Benchmark: `vnner kb build` on 100,000 small documents, time and memory (issue 18).

Writes synthetic extraction output (the texts are composed here; entities placed by the generator
and their facts computed by vnner's own `enrich`, as `vnner extract` writes them): each document
a dated news item from one of 63 provinces, one or two officials with posts in the province's
bodies, a resolution and a quantity. 3,000 names recur across documents, most in one province,
some in others, so linking has work to do. Then, each in a fresh process (peak RSS is that
process's own): a build of the first 10,000 documents, a build of all 100,000 into a new
database, and the same 100,000 again into that database (nothing changes).

    python benchmarks/kb_build.py [--documents 100000] [--keep DIR]

Prints wall time, documents/s and peak RSS for each; the figures in docs/kb.md come from here.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROVINCES = [
    "An Giang", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước",
    "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang",
    "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Phú Thọ", "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế",
    "Quảng Ninh", "Hải Dương", "Hà Nam", "Lạng Sơn",
]  # fmt: skip
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Xuân", "Hồng"]
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Khánh", "Lâm", "Long", "Mai", "Nam", "Phong", "Quang",
    "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Vinh", "Yến", "Hạnh", "Lan", "Thảo",
]  # fmt: skip
POSTS = [  # (title, body written, how the body is named in the text's first sentence)
    ("Chủ tịch", "UBND tỉnh {p}"),
    ("Phó Chủ tịch", "UBND tỉnh {p}"),
    ("Bí thư", "Tỉnh ủy {p}"),
    ("Phó Bí thư", "Tỉnh ủy {p}"),
    ("Chủ tịch", "HĐND tỉnh {p}"),
    ("Giám đốc", "Sở Nội vụ tỉnh {p}"),
]
RESOLUTIONS = [
    "Nghị quyết số 57-NQ/TW",
    "Nghị quyết 57",
    "Kết luận số 21-KL/TW",
    "Chỉ thị 05-CT/TW",
    "Nghị quyết Trung ương 4 (khóa XII)",
]


def people(rng: random.Random, n: int = 3000) -> list[tuple[str, str]]:
    """(name, home province) pairs; a name can recur with another home (another person)."""
    return [
        (f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", rng.choice(PROVINCES)) for _ in range(n)
    ]


def document(i: int, rng: random.Random, pool: list[tuple[str, str]], homes: dict[str, list[str]]) -> dict:
    from vnner.facts import enrich

    name, home = rng.choice(pool)
    province = home if rng.random() < 0.8 else rng.choice(PROVINCES)
    title, body = rng.choice(POSTS)
    body = body.format(p=province)
    other = rng.choice(homes.get(province) or [name])  # someone from the same province
    title2, body2 = rng.choice(POSTS)
    body2 = body2.format(p=province)
    resolution = rng.choice(RESOLUTIONS)
    year = rng.choice([2021, 2022, 2023, 2024, 2025])
    count = rng.randint(5, 900)
    text = (
        f"Hội nghị quán triệt nghị quyết tại {province}\n\n"
        f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}, {title} {body} {name} chủ trì hội nghị "
        f"quán triệt {resolution}. Năm qua, toàn tỉnh kết nạp {count} đảng viên mới.\n"
        f"Phát biểu tại hội nghị, đồng chí {other}, {title2} {body2}, đề nghị các cấp ủy tiếp tục thực hiện."
    )
    spans = [(body, "ORG", 0), (name, "OFFICIAL", 0), (resolution, "RESOLUTION", 0)]
    spans += [(f"{count} đảng viên mới", "QUANTITY", 0), (other, "OFFICIAL", 0 if other != name else 1)]
    spans.append((body2, "ORG", 1 if body2 == body else 0))
    entities = []
    for surface, label, nth in spans:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        entities.append({"start": start, "end": start + len(surface), "label": label, "text": surface})
    entities, officials = enrich(text, entities)
    return {"id": f"bench-{i:06d}", "text": text, "entities": entities, "officials": officials, "meta": {}}


def generate(path: Path, n: int, seed: int = 18) -> None:
    rng = random.Random(seed)
    pool = people(rng)
    homes: dict[str, list[str]] = {}
    for name, home in pool:
        homes.setdefault(home, []).append(name)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(document(i, rng, pool, homes), ensure_ascii=False) + "\n")


CHILD = """
import json, resource, sys, time
from vnner.kb.build import build
started = time.perf_counter()
summary = build([sys.argv[1]], sys.argv[2])
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "read": summary.read, "added": summary.added, "unchanged": summary.unchanged,
    "problems": len(summary.problems), "totals": summary.totals,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def measure(inputs: Path, db: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(inputs), str(db)], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="a folder to keep the generated output and databases in")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="vnner-kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    full, small = work / "out.jsonl", work / "out-10k.jsonl"
    started = time.perf_counter()
    generate(full, args.documents)
    with full.open(encoding="utf-8") as src, small.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= min(10_000, args.documents):
                break
            dst.write(line)
    size = full.stat().st_size / 1e6
    print(f"generated {args.documents:,} documents ({size:.0f} MB) in {time.perf_counter() - started:.0f}s")
    runs = [
        ("10k documents, new database", small, work / "kb-10k.db"),
        (f"{args.documents // 1000}k documents, new database", full, work / "kb.db"),
        (f"{args.documents // 1000}k documents again (unchanged)", full, work / "kb.db"),
    ]
    print(f"{'build':<40} {'wall':>8} {'docs/s':>8} {'peak RSS':>9}  result")
    for label, inputs, db in runs:
        r = measure(inputs, db)
        rate = r["read"] / r["seconds"] if r["seconds"] else 0
        print(
            f"{label:<40} {r['seconds']:>7.1f}s {rate:>8,.0f} {r['peak_rss_mb']:>7.0f} MB  "
            f"{r['added']:,} added, {r['unchanged']:,} unchanged, {r['problems']} problems; {r['totals']}"
        )
    print(f"outputs and databases in {work}")


if __name__ == "__main__":
    main()
