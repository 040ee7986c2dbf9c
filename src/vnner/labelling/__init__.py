"""Labelling: doccano round trip, annotation files, markup, validation, agreement, review, selection."""
