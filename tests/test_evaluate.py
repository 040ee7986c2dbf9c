from vnner.training.evaluate import evaluate_spans


def test_exact_and_overlap_scores_per_label_and_micro():
    gold = [[(0, 10, "ORG"), (20, 25, "QUANTITY"), (30, 40, "OFFICIAL")]]
    pred = [[(0, 10, "ORG"), (19, 25, "QUANTITY"), (50, 55, "ORG")]]
    s = evaluate_spans(gold, pred)
    org = s["per_label"]["ORG"]["exact"]
    assert (org["p"], org["r"]) == (0.5, 1.0)
    q = s["per_label"]["QUANTITY"]
    assert q["exact"]["f"] == 0.0 and q["overlap"]["f"] == 1.0
    assert s["per_label"]["OFFICIAL"]["exact"]["r"] == 0.0
    micro = s["micro"]["exact"]
    assert (micro["p"], micro["r"]) == (round(1 / 3, 4), round(1 / 3, 4))


def test_overlap_requires_the_same_label():
    s = evaluate_spans([[(0, 10, "ORG")]], [[(0, 10, "RESOLUTION")]])
    assert s["per_label"]["ORG"]["overlap"]["r"] == 0.0


def _jsonl(path, rows):
    import json

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _evaluate(*args):
    from typer.testing import CliRunner

    from vnner.cli import app

    result = CliRunner().invoke(app, ["evaluate", *map(str, args)])
    return result.exit_code, " ".join(result.output.split())


def test_data_without_gold_spans_is_refused_not_scored_as_zeros(tmp_path):
    """An unlabelled file, or one whose labels are all empty, gives no score: exit 2 naming the file."""
    text = "Huyện ủy Thanh Oai kết nạp 12 đảng viên."
    unlabelled = _jsonl(tmp_path / "pool.jsonl", [{"id": "a", "text": text}])
    empty = _jsonl(tmp_path / "empty.jsonl", [{"id": "a", "text": text, "label": []}, {"text": text, "label": []}])
    for path in (unlabelled, empty):
        code, out = _evaluate(path)
        assert code == 2 and f"no gold spans in {path}" in out, out
        assert "micro" not in out  # no table of zeros


def test_extraction_output_is_named_as_such_with_its_brackets(tmp_path):
    """`vnner evaluate out.jsonl` on `vnner extract` output says what is wrong, brackets and all."""
    row = {"id": "a", "text": "Huyện ủy họp.", "entities": [{"start": 0, "end": 8, "label": "ORG", "text": "Huyện ủy"}]}
    out_file = _jsonl(tmp_path / "out.jsonl", [row])
    code, out = _evaluate(out_file)
    assert code == 2
    assert f"{out_file}:1:" in out and "`vnner extract` output" in out
    assert '"label": [[start, end, LABEL], ...]' in out
    bad = _jsonl(tmp_path / "bad.jsonl", [{"text": "abc", "label": [[0, 2]]}])
    code, out = _evaluate(bad)
    assert code == 2 and '"label" must be a list of [start, end, LABEL] (e.g. [[0, 7, "ORG"]]), not [[0, 2]]' in out


def test_an_edge_error_shows_the_gold_and_the_predicted_span_each_in_its_brackets():
    import io

    from rich.console import Console

    from vnner.cli.table import print_errors
    from vnner.training.evaluate import span_errors

    text = "Tỉnh ủy Đắk Lắk sơ kết 5 năm thực hiện Nghị quyết Trung ương 4 [khóa XII]."
    gold, pred = [(0, 15, "ORG")], [(0, 22, "ORG")]
    (error,) = span_errors("d1", text, gold, pred)
    assert error.kind == "edge"
    assert error.context == "…[Tỉnh ủy Đắk Lắk] sơ kết 5 năm thực hiện Nghị quyết Trung…"  # 40 characters after
    assert error.pred_context == "…[Tỉnh ủy Đắk Lắk sơ kết] 5 năm thực hiện Nghị quyết Trung ương 4…"
    shown = io.StringIO()
    print_errors([error], console=Console(file=shown, width=80, markup=False, highlight=False, soft_wrap=True))
    lines = shown.getvalue().splitlines()
    assert lines[1] == f"  edge     d1: gold      ORG 0-15  {error.context}"
    assert lines[2] == f"{' ' * 15}predicted ORG 0-22  {error.pred_context}"


def test_errors_listing_keeps_brackets_in_the_text(tmp_path):
    """Text with square brackets (a term in brackets, a caption) is printed as it is, not read as markup."""
    text = "[bold]Huyện ủy Thanh Oai[/bold] kết nạp 12 đảng viên."
    data = _jsonl(tmp_path / "d.jsonl", [{"id": "x", "text": text, "label": [[6, 24, "ORG"]]}])
    code, out = _evaluate(data, "--errors")
    assert code == 0, out
    assert "[bold]" in out and "[/bold]" in out
