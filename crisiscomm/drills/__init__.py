"""Tabletop drills: scenarios with timed injects, an accelerated clock, scoring, the demo.

- `scenario`: the TOML (MSEL-like) format, loading, bundled files; `validate`: errors with file:line.
- `player`: start a drill, play due injects, pause/resume/skip/speed, finish and score.
- `injects`: what each inject does, through the other areas' core APIs.
- `scoring`: expected actions against the timeline: met, late (by how much), missed.
- `headless`: the whole drill without the dashboard.
- `demo`: a fresh database running the earthquake drill at high speed.

Nothing here imports Textual.
"""
