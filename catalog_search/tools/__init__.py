"""What only tests, benchmarks and the demo's build use: the search evaluation set and synthetic catalogues."""
