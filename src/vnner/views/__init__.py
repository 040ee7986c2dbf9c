"""Views of extraction output: CSV reports and HTML pages."""
