"""Copy detection on an invented story: a wire original, its copies, and an independent report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.group.copies import CopyLink, find_copies, has_wire_credit, voices
from newsweave.group.shingles import copy_text
from newsweave.models import Article, Flag, PublishedDate, RawDoc
from newsweave.readers import load

DATA = Path(__file__).parent / "data" / "copies"
NAMES = ("original", "copy_junk", "truncated", "rewrite", "independent", "empty")
ORIGINAL, JUNK, TRUNCATED, REWRITE, INDEPENDENT, EMPTY = range(len(NAMES))


@pytest.fixture(scope="module")
def articles(fake_models: Models) -> list[Article]:
    docs = [load(RawDoc(str(DATA / f"{name}.txt"), (DATA / f"{name}.txt").read_bytes())) for name in NAMES]
    return clean_corpus(docs, fake_models.nlp.is_organization)


def _dated(article: Article, day: str, *flags: str) -> Article:
    return replace(
        article,
        published=PublishedDate(day, 0.9, ("test",)),
        flags=article.flags + tuple(Flag(kind, "test") for kind in flags),
    )


def test_copies_link_to_the_original_and_others_stay_independent(articles: list[Article]) -> None:
    links = find_copies(articles)
    assert links[ORIGINAL] is None
    assert links[JUNK] == CopyLink(ORIGINAL, 1.0, "near-duplicate")
    assert links[TRUNCATED] == CopyLink(ORIGINAL, 1.0, "partial copy")
    rewrite = links[REWRITE]
    assert rewrite is not None and rewrite.original == ORIGINAL and rewrite.how == "light rewrite"
    assert links[INDEPENDENT] is None
    assert links[EMPTY] is None


def test_a_shared_quote_does_not_make_a_copy(articles: list[Article]) -> None:
    quote = "We cannot take any chances"
    assert any(quote in line.content for line in articles[INDEPENDENT].body_lines())
    assert any(quote in line.content for line in articles[ORIGINAL].body_lines())
    assert not any("cannot take any chances" in s for s in copy_text(articles[ORIGINAL]).sentences)
    assert find_copies([articles[ORIGINAL], articles[INDEPENDENT]]) == (None, None)


def test_voices_count_a_family_once(articles: list[Article]) -> None:
    assert voices(find_copies(articles)) == [ORIGINAL, ORIGINAL, ORIGINAL, ORIGINAL, INDEPENDENT, EMPTY]


def test_voices_resolve_chains_to_the_root() -> None:
    links = (None, CopyLink(0, 0.9, "near-duplicate"), CopyLink(1, 0.7, "light rewrite"), None)
    assert voices(links) == [0, 0, 0, 3]
    assert voices(()) == []


def test_earliest_credible_date_is_the_original(articles: list[Article]) -> None:
    dated = list(articles)
    dated[ORIGINAL] = _dated(articles[ORIGINAL], "2024-05-03")
    dated[TRUNCATED] = _dated(articles[TRUNCATED], "2024-05-01")
    links = find_copies(dated)
    assert links[TRUNCATED] is None
    assert all(links[i] is not None and voices(links)[i] == TRUNCATED for i in (ORIGINAL, JUNK, REWRITE))


def test_a_content_farm_copy_never_becomes_the_original(articles: list[Article]) -> None:
    dated = list(articles)
    dated[ORIGINAL] = _dated(articles[ORIGINAL], "2024-05-03")
    dated[JUNK] = _dated(articles[JUNK], "2024-04-01", "injected_token", "content_farm")
    links = find_copies(dated)
    assert links[ORIGINAL] is None
    assert links[JUNK] is not None and voices(links)[JUNK] == ORIGINAL


def test_a_mismatched_date_is_not_credible(articles: list[Article]) -> None:
    dated = list(articles)
    dated[REWRITE] = _dated(articles[REWRITE], "2024-04-01", "date_mismatch")
    dated[TRUNCATED] = _dated(articles[TRUNCATED], "2024-05-02")
    assert voices(find_copies(dated))[REWRITE] == TRUNCATED


def test_without_dates_the_most_complete_text_is_the_original(articles: list[Article]) -> None:
    links = find_copies([articles[TRUNCATED], articles[REWRITE], articles[ORIGINAL]])
    assert links[2] is None
    assert links[0] is not None and links[0].original == 2


def test_output_does_not_depend_on_runs_or_order(articles: list[Article]) -> None:
    assert find_copies(articles) == find_copies(list(articles))
    forward = voices(find_copies(articles))
    backward = voices(find_copies(articles[::-1]))[::-1]
    last = len(articles) - 1
    # Same families either way; only the tie between two identical texts follows input order.
    assert [forward.count(v) for v in forward] == [backward.count(v) for v in backward]
    assert backward[ORIGINAL] == last - JUNK


def test_empty_and_tiny_articles_are_never_linked(articles: list[Article]) -> None:
    assert find_copies([]) == ()
    assert find_copies([articles[EMPTY], articles[EMPTY]]) == (None, None)
    one_line = replace(articles[ORIGINAL], lines=articles[ORIGINAL].body_lines()[:1])
    assert find_copies([one_line, one_line]) == (None, None)


def test_wire_credit_is_found_by_pattern(articles: list[Article]) -> None:
    assert has_wire_credit(articles[ORIGINAL])
    assert not has_wire_credit(articles[REWRITE])
