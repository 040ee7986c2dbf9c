"""Training and evaluation: spaCy training, learning curves, scores, augmentation, the underthesea baseline."""
