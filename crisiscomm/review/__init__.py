"""Post-incident review: the timeline query, metrics, and exported reports.

`events` pages and filters an incident's timeline (the timeline screen and the
`timeline` command), `metrics` measures an incident from its timeline and the
area tables, `report` assembles and renders the report, `export` writes files
without following planted symlinks or overwriting by accident.
"""
