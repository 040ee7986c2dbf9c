"""The spaCy pipeline's parts: tokenizer, components, rules; what `spacy.load` runs."""
