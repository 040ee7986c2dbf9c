"""Input and output of batch extraction: reading records, extracting, writing JSONL lines."""
