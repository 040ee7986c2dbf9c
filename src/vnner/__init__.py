"""vnner: named entities and structured facts from Vietnamese party-building news."""

__version__ = "0.1.0"
