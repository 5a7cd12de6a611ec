"""Fuzzy matching for completion (a short name) and history search (terms against long text)."""

from __future__ import annotations

import difflib
import re

_WORDS = re.compile(r"[A-Za-z0-9_]+|[^\sA-Za-z0-9_]+")


def subsequence_score(query: str, candidate: str) -> float | None:
    """How well ``query``'s letters appear in order in ``candidate`` (higher is better), or None.

    Letters that follow one another, or start a word (after ``_`` or at a capital), score more:
    ``tsh`` finds ``toStartOfHour``, ``exsa`` finds ``execution_started_at``.
    """
    if not query:
        return 0.0
    lowered, wanted = candidate.lower(), query.lower()
    score, position, previous = 0.0, 0, -2
    for char in wanted:
        found = lowered.find(char, position)
        if found < 0:
            return None
        score += 1.0
        if found == previous + 1:
            score += 1.0
        if found == 0 or candidate[found - 1] in "_." or candidate[found].isupper():
            score += 1.5
        previous, position = found, found + 1
    return score - 0.05 * (len(candidate) - len(query))


def close_to(term: str, word: str) -> bool:
    """A word matches a search term if it is the term with a typo or two, or abbreviates it."""
    term, word = term.lower(), word.lower()
    if term in word:
        return True
    if len(term) >= 4 and difflib.SequenceMatcher(None, term, word).ratio() >= 0.8:
        return True
    return _compact_subsequence(term, word)


def _compact_subsequence(term: str, word: str) -> bool:
    # "crdts" in "credits": letters in order, spread over at most twice the term's length.
    if len(term) < 3:
        return False
    start = word.find(term[0])
    while start >= 0:
        position = start
        for char in term[1:]:
            position = word.find(char, position + 1)
            if position < 0:
                return False
        if position - start < 2 * len(term):
            return True
        start = word.find(term[0], start + 1)
    return False


def matches_terms(query: str, text: str) -> bool:
    """Every whitespace-separated term of ``query`` is close to some word of ``text``."""
    terms = query.split()
    if not terms:
        return True
    words = _WORDS.findall(text)
    return all(any(close_to(term, word) for word in words) for term in terms)
