"""Natural-language processing: the spaCy pipeline every later stage reads."""
