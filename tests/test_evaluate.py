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
