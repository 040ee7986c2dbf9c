"""The label set of ../shared/annotation-guidelines.md: the one contract for data, model and doccano."""

LABELS: tuple[str, ...] = ("ORG", "OFFICIAL", "RESOLUTION", "QUANTITY")
