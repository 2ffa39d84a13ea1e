"""Subhead series: headings that come in parallel, one line each and about as
long, are subheads of one article rather than titles of several. A heading run's
series key (its shape, its numbering, its first line's length) is looked up among
its partners' keys, so that a page's series are found without comparing every
pair of runs (`article_starts.judge_run` votes with them).
"""

from __future__ import annotations

# Subheads of one series share their shape: one line each, about as long. Very
# short lines (a name, 小消息) and multi-line titles say too little.
MIN_PARALLEL = 4


def parallel_lengths(na: int, nb: int) -> bool:
    """Are two one-line headings of these lengths about as long (see
    `heading_runs.PageRuns.series_key`)?

    >>> parallel_lengths(12, 14), parallel_lengths(12, 15), parallel_lengths(3, 3)
    (True, False, False)
    """
    return min(na, nb) >= MIN_PARALLEL and abs(na - nb) <= max(1, max(na, nb) // 6)


def partner_lengths(n: int) -> list[int]:
    """Every length m with `parallel_lengths(n, m)`: a bounded range around n,
    so that a series can be looked up by key instead of compared pairwise.

    >>> partner_lengths(12)
    [10, 11, 12, 13, 14]
    """
    if n < MIN_PARALLEL:
        return []
    reach = max(1, n // 5 + 1)
    return [m for m in range(n - reach, n + reach + 1) if parallel_lengths(n, m)]


# A heading run's shape, whether its first block opens on a number, and the length
# of that one-line first block.
SeriesKey = tuple[tuple[tuple[str, int], ...], bool, int]


def series_partners(key: SeriesKey) -> list[SeriesKey]:
    """The keys of every run parallel to a run with `key`."""
    shape, numbered, n = key
    return [(shape, numbered, m) for m in partner_lengths(n)]
