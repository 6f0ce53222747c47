"""The store: one module per table or concern, each holding its reads and writes.

engine      opening a store: the engine, SQLite pragmas, migrations on first use
schema      the tables (SQLAlchemy Core); `migrations/` creates them
sql         helpers every module shares: the dialect's insert, batches, keysets, days
records     records: the unique upsert, reads for the stages, summaries for the site and API
raw_pages   the exact bytes each source returned
snapshots   engagement snapshots (the counts an upsert overwrites)
analyses    analyses, with their beat, entity and embedding rows
beats       reads by beat: counts, windows, series, platforms
entities    reads by entity: lists, one entity, its series, beats and records
frames      what the detectors read: records, entities and vectors as numpy columns
narratives  narratives, their members and lineage events
signals     signals: what the detectors found
stories     stories, their versions and citations
stream      the event stream: what is newer than a position
stats       the headline figures across tables
state       source cursors, stage state, stage runs and leases
forgotten   tombstones of forgotten authors and records
keys        API keys
"""
