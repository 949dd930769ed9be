"""The catalogue's search engine, in rooms:

- ``analysis``: text as the index and the queries see it (normalised Chinese, pinyin in every
  reading, initials, variants and numbers).
- ``engine``: one search, from a reader's query to ranked records (``find``).
- ``ranking``: what each kind of match is worth, and how ties are broken.
- ``candidate``: a record as ranking reads it (a few fields, not a model instance).
- ``backends``: the only place that knows the databases' and search backends' SQL, reading and
  writing Wagtail's index table.

Nothing is imported here: the models import ``analysis`` while the engine imports the models."""
