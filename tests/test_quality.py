"""Source-quality flags, language, dateline and same-site boilerplate, on small articles."""

from __future__ import annotations

from newsweave.analyze import Models
from newsweave.clean import clean, clean_corpus, content_farm
from newsweave.models import DecodedDoc, Flag, PageMeta

from .test_clean import PROSE


def _kinds(models: Models, lines: list[str]) -> list[str]:
    article = clean(DecodedDoc("a.txt", "utf-8", tuple(lines)), models.nlp.is_organization)
    return [flag.kind for flag in article.flags]


def test_clean_article_has_no_flags(fake_models: Models) -> None:
    assert _kinds(fake_models, PROSE) == []


def test_machine_translation_artifacts(fake_models: Models) -> None:
    lines = [
        *PROSE[:2],
        "The agency said on Monday. ANA. It also said more talks would follow in the spring of next year.",
        "The plan covers the Northern Territory. the official name of the region in its charter.",
    ]
    assert "machine_translation" in _kinds(fake_models, lines)


def test_truncated_article(fake_models: Models) -> None:
    lines = [
        *PROSE,
        "The council also said that the new tram line would be built along the river and that the",
    ]
    assert "truncated" in _kinds(fake_models, lines)


def test_paywall_stub(fake_models: Models) -> None:
    assert "paywall_stub" in _kinds(fake_models, [PROSE[0], PROSE[1], "Subscribe to continue reading"])


def test_long_headline_list_is_off_topic_links(fake_models: Models) -> None:
    related = [f"- Local team wins cup final number {n} in extra time" for n in range(10)]
    assert "off_topic_links" in _kinds(fake_models, [*PROSE, "Related", *related])


def test_content_farm_needs_two_independent_signals() -> None:
    one = [Flag("injected_token", "X")]
    two = [Flag("injected_token", "X"), Flag("date_mismatch", "…")]
    assert content_farm(one) is None
    verdict = content_farm(two)
    assert verdict is not None and verdict.kind == "content_farm"
    assert "date_mismatch" in verdict.detail and "injected_token" in verdict.detail


def test_dateline_place_is_recorded_and_the_line_stays_body(fake_models: Models) -> None:
    lead = "LONDON (Reuters) - The city council approved the budget on Tuesday after a long debate."
    article = clean(DecodedDoc("a.txt", "utf-8", (lead, *PROSE[1:])), fake_models.nlp.is_organization)
    assert article.dateline == "LONDON"
    assert article.lines[0].role == "body"


OTHER_PROSE = [
    "Firefighters spent the night at the grain depot after a blaze broke out shortly before ten.",
    "No one was hurt, although two neighbouring warehouses were evacuated as a precaution.",
    "The owner said the stored harvest of three farms had been lost to the fire and the water.",
    "Investigators will examine the wiring of the old building once the site has cooled down.",
]


def _page(name: str, lines: list[str]) -> DecodedDoc:
    return DecodedDoc(name, "utf-8", tuple(lines), meta=PageMeta(url=f"https://www.example.org/{name}"))


def test_line_a_site_prints_on_every_page_is_boilerplate(fake_models: Models) -> None:
    slogan = "Your trusted voice of the valley since 1887"
    docs = [_page("a", [slogan, *PROSE]), _page("b", [slogan, *OTHER_PROSE])]
    for article in clean_corpus(docs, fake_models.nlp.is_organization):
        assert (article.lines[0].role, article.lines[0].reason) == ("noise", "boilerplate")
        assert all(line.role == "body" for line in article.lines[1:])


def test_versions_of_one_article_keep_their_title(fake_models: Models) -> None:
    """Two kept versions of one article (the second updated) print the same headline:
    it is their title, not the site's boilerplate; the slogan, also printed over a
    different article of the site, still is."""
    slogan = "Your trusted voice of the valley since 1887"
    title = "Council passes budget after all-night session"
    update = "The mayor signed the budget into law on Thursday morning."
    docs = [
        _page("a", [slogan, title, *PROSE]),
        _page("a-updated", [slogan, title, *PROSE[:3], update]),
        _page("b", [slogan, "Fire destroys grain depot", *OTHER_PROSE]),
    ]
    for article in clean_corpus(docs, fake_models.nlp.is_organization):
        assert article.lines[0].reason == "boilerplate"
        assert article.lines[1].reason != "boilerplate"
        assert article.title == article.lines[1].text


def test_a_reporter_of_two_articles_is_the_byline_of_each(fake_models: Models) -> None:
    byline = "By Jane Holloway, Staff Reporter"
    docs = [
        _page("a", ["Council passes budget", byline, *PROSE]),
        _page("b", ["Depot burns", byline, *OTHER_PROSE]),
    ]
    for article in clean_corpus(docs, fake_models.nlp.is_organization):
        assert article.byline is not None and "Jane Holloway" in article.byline


def test_pages_of_different_sites_share_nothing(fake_models: Models) -> None:
    slogan = "Your trusted voice of the valley since 1887"
    docs = [
        DecodedDoc(f"{n}.txt", "utf-8", (*PROSE, slogan), meta=PageMeta(url=f"https://site{n}.example/a"))
        for n in range(2)
    ]
    articles = clean_corpus(docs, fake_models.nlp.is_organization)
    assert all(a.lines[-1].reason != "boilerplate" for a in articles)
