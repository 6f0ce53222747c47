"""Page contexts: the data each page shows, built once for its HTML page and its JSON twin."""
