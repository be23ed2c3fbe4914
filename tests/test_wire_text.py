"""Wire text: a whole story on one line, ``wire'' and 'single' quotes, datelines, kickers.

Every article here is invented. The long one is written the way newswire
archives store a story once their markup is stripped: no paragraph breaks,
quotations in ``two backticks and two apostrophes'', dashes typed as "--" or
" _ ", and reported speech with "we" and "you" both inside and outside the
quotation marks. They are parsed by the fakes of tests/fakes.py, whose
sentences and names are predictable from the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analyze import Models, analyze_articles
from newsweave.analyze.quotes import find_attributions, quote_spans
from newsweave.clean import clean
from newsweave.clean.layout import assign_roles
from newsweave.clean.rules import EDGE_CUES, RULES, STRONG_RULES, WEAK_RULES, judge, longer_than_paragraph
from newsweave.config import Config
from newsweave.models import Article, DecodedDoc
from newsweave.pipeline import run

from .test_clean import PROSE

FLOOD = " ".join(
    [
        "MARROW CREEK, Ore. (Wire) _ Floodwaters from the swollen Tillet River swept through this small",
        "timber town on Tuesday, forcing about 300 families from their homes and closing the only",
        "bridge to the coast highway. ``We will rebuild,'' Mayor Ellen Varga said at a shelter set up",
        "in the high school gym. ``You cannot let a river decide who gets to live here.'' Varga told",
        "residents that we all owe the volunteers a debt, and she said you could see the town's",
        "spirit in the long line of pickups that arrived from neighboring valleys before dawn.",
        "Officials said the earthen levee north of town failed shortly after midnight _ about two",
        "hours before the river crested _ and water rose more than six feet in the main street within",
        "an hour. 'We had no warning at all,' said Tom Pike, 61, who spent the night on the roof of",
        "his hardware store with his wife and two dogs. The county sheriff's office said no one was",
        "killed, although four people were treated for hypothermia and a volunteer firefighter broke",
        "his arm while pulling a neighbor from a flooded car. State emergency managers sent 40",
        "National Guard troops, six boats and two helicopters, and a relief charity said it had",
        "opened a second shelter in a church hall in the county seat, 20 miles to the east. Engineers",
        "estimated that repairing the levee could cost $12 million and take most of the summer. The",
        "town's annual budget is about $4 million. Residents have argued for years that the levee,",
        "built in the 1950s, was too low. In a letter to state lawmakers last spring, a group of shop",
        "owners wrote that if you live below that wall, you know it is only a matter of time.",
        "Governor Lena Ortiz, who toured the town by helicopter on Wednesday, said the state would",
        "ask for federal disaster aid. ``These families did everything right, and we owe it to them",
        "to move fast,'' Ortiz said. At the shelter, volunteers served coffee and soup from long",
        "folding tables while children played with donated toys. Some families said they planned to",
        "stay with relatives until the water goes down; others said we have nowhere else to go and",
        "would wait in the gym. Forecasters said more rain was expected over the weekend but that the",
        "river should keep falling. ``We are not out of the woods yet,'' said hydrologist Mark",
        "Ellison of the weather service. ``But the worst of it is behind us.'' Crews hope to reopen",
        "the bridge by Friday and the highway by the middle of next week, the state transportation",
        "department said. The school district said classes would resume on Monday in borrowed",
        "classrooms at a college campus upriver, and that buses would run from the shelter each",
        "morning. Pike said he would open the hardware store again as soon as the power came back,",
        "because people will need shovels, pumps and nails before anything else.",
    ]
)
HEADLINE = "Flood forces hundreds from homes in river town"


def _clean(models: Models, *lines: str) -> Article:
    return clean(DecodedDoc("wire.txt", "utf-8", tuple(lines)), models.nlp.is_organization)


def _roles(models: Models, *lines: str) -> list[tuple[str, str | None]]:
    return [
        (line.role, line.reason or line.field) for line in assign_roles(lines, models.nlp.is_organization)
    ]


def test_the_invented_story_is_a_long_one_line_article() -> None:
    assert len(FLOOD.split()) >= 400
    assert longer_than_paragraph(FLOOD)


@pytest.mark.parametrize("headline", [(), (HEADLINE,)])
def test_a_whole_story_on_one_line_is_body_despite_we_and_you(
    fake_models: Models, headline: tuple[str, ...]
) -> None:
    article = _clean(fake_models, *headline, FLOOD)
    assert [line.role for line in article.lines] == ["meta"] * len(headline) + ["body"]
    assert "empty_after_cleaning" not in [flag.kind for flag in article.flags]


def test_weak_cues_never_judge_a_line_longer_than_a_paragraph() -> None:
    cued = FLOOD + " Subscribe to our newsletter and we'll send you the news. Follow us on Facebook."
    assert judge(cued) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "Subscribe to our newsletter and we'll send you the best local stories every morning.",
            "newsletter",
        ),
        ("Follow us on Facebook for more stories like this one.", "promo"),
    ],
)
def test_short_promo_lines_after_a_long_story_are_still_noise(
    fake_models: Models, line: str, reason: str
) -> None:
    assert _roles(fake_models, FLOOD, line) == [("body", None), ("noise", reason)]


def test_every_rule_is_either_strong_or_weak() -> None:
    names = {name for name, _rule in RULES}
    assert names == STRONG_RULES | WEAK_RULES
    assert not STRONG_RULES & WEAK_RULES
    assert EDGE_CUES <= WEAK_RULES


def test_a_plea_that_is_the_whole_long_line_is_still_a_donation() -> None:
    plea = " ".join(
        [
            "We have a small favor to ask. Every week more of you read our reporting than ever before,",
            "and we want to keep it free for everyone. Your support helps us pay reporters in the courts",
            "and the council chamber. If you can, please donate today: it takes a minute and makes a real",
            "difference to us. Become a supporter for as little as $1. We rely on readers like you, and",
            "we thank you for it. Every gift, however small, keeps our journalism open to all readers and",
            "free of any paywall for you.",
        ]
    )
    assert longer_than_paragraph(plea)
    verdict = judge(plea)
    assert verdict is not None and verdict.label == "donation"


def test_a_story_reporting_an_appeal_is_not_a_plea() -> None:
    story = (
        FLOOD + " The relief charity said your support would go directly to families who lost their homes."
    )
    assert judge(story) is None


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("WASHINGTON (AP) -- ", "WASHINGTON"),
        ("PORTVILLE, Ore. (Wire) _ ", "PORTVILLE, Ore."),
        ("BEIJING, March 3 (Wire) -- ", "BEIJING"),
        ("LOS ANGELES -- ", "LOS ANGELES"),
    ],
)
def test_wire_datelines_open_the_body_and_name_the_place(
    fake_models: Models, opening: str, place: str
) -> None:
    article = _clean(fake_models, opening + PROSE[0], *PROSE[1:])
    assert article.dateline == place
    assert {line.role for line in article.lines} == {"body"}


def test_a_dateline_on_its_own_line_is_meta(fake_models: Models) -> None:
    article = _clean(fake_models, HEADLINE, "WASHINGTON (Wire) --", *PROSE)
    assert (article.lines[1].role, article.lines[1].field) == ("meta", "dateline")
    assert article.dateline == "WASHINGTON"


def test_kickers_and_editor_notes_in_capitals(fake_models: Models) -> None:
    lines = [
        "BC-FLOOD-TOWN-RIVER",
        "FLOOD FORCES HUNDREDS FROM HOMES IN RIVER TOWN",
        "EDITOR'S NOTE: This story contains an account of a rescue some readers may find distressing.",
        *PROSE,
    ]
    assert _roles(fake_models, *lines)[:3] == [("noise", "nav"), ("meta", "title"), ("noise", "editor-note")]


def test_a_kicker_does_not_take_the_text_after_it(fake_models: Models) -> None:
    tail = ["ANALYSIS:", "The council will meet again in April to vote on the parking plan for the centre."]
    assert _roles(fake_models, *PROSE, *tail)[-1] == ("body", None)


def test_wire_and_single_quotes_are_quotations() -> None:
    text = "``We will rebuild,'' the mayor said, and 'we had no warning,' a resident said."
    assert [text[start:end] for start, end in quote_spans(text)] == [
        "``We will rebuild,''",
        "'we had no warning,'",
    ]
    assert quote_spans("the players' union met in the '90s, didn't it") == []


def test_the_reader_address_rule_ignores_wire_quotes(fake_models: Models) -> None:
    quoted = (
        "``You will see us again next year, and we will be stronger,'' the coach told the crowd on Sunday."
    )
    assert _roles(fake_models, *PROSE, quoted) == [("body", None)] * 5


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("``We will rebuild,'' Mayor Ellen Varga said.", "Mayor Ellen Varga", "We will rebuild"),
        ("'The river rose too fast,' said Tom Pike, a shop owner.", "Tom Pike", "The river rose too fast"),
    ],
)
def test_wire_and_single_quotes_give_direct_attributions(
    fake_models: Models, sentence: str, speaker: str, content: str
) -> None:
    article = _clean(fake_models, PROSE[0], sentence)
    found = find_attributions(analyze_articles([article], fake_models.nlp)[0])
    assert [(a.speaker, a.content, a.direct, a.kind) for a in found] == [(speaker, content, True, "quote")]


def test_a_one_line_story_gives_many_sentences_citing_its_line(fake_models: Models) -> None:
    analyzed = analyze_articles([_clean(fake_models, FLOOD)], fake_models.nlp)[0]
    assert len(analyzed.sentences) >= 15
    assert {sentence.line for sentence in analyzed.sentences} == {1}
    assert analyzed.sentences[0].text.startswith("MARROW CREEK, Ore. (Wire) _ Floodwaters")
    assert all(not sentence.text.endswith("_") for sentence in analyzed.sentences)
    assert any(
        "midnight _ about two hours before the river crested _ and" in s.text for s in analyzed.sentences
    )
    for sentence in analyzed.sentences:
        assert FLOOD[sentence.start : sentence.end] == sentence.text


def test_character_entities_are_decoded_and_listed(fake_models: Models) -> None:
    article = _clean(
        fake_models, "Crews hope to reopen the bridge by Friday &AMP; the highway next week.", *PROSE
    )
    assert article.lines[0].content == "Crews hope to reopen the bridge by Friday & the highway next week."
    assert ("decoded_entity", "&AMP; as &") in [(flag.kind, flag.detail) for flag in article.flags]


def test_losing_more_than_half_the_words_is_flagged_with_reasons(fake_models: Models) -> None:
    headlines = [f"Second story number {n} about the harbour project and its costs" for n in range(8)]
    article = _clean(fake_models, *PROSE[:2], "Related stories", *headlines)
    flag = next(flag for flag in article.flags if flag.kind == "heavy_cleaning")
    assert flag.detail.endswith("% of words removed: 9 lines related-links")
    assert int(flag.detail.split("%")[0]) > 50


def test_an_article_that_keeps_most_of_its_words_is_not_flagged(fake_models: Models) -> None:
    assert "heavy_cleaning" not in [flag.kind for flag in _clean(fake_models, FLOOD, "Advertisement").flags]


def test_long_text_left_without_any_body_is_restored_and_flagged(fake_models: Models) -> None:
    results = " ".join(
        f"Player {n} from club {n % 7} scored {n * 3} points in round {n % 5}" for n in range(12)
    )
    article = _clean(fake_models, results)
    assert [line.role for line in article.lines] == ["body"]
    flag = next(flag for flag in article.flags if flag.kind == "body_restored")
    assert "line 1" in flag.detail and "was noise: nav" in flag.detail


def test_a_cluster_of_one_line_stories_has_a_summary(fake_models: Models, tmp_path: Path) -> None:
    second = " ".join(
        [
            "SALEM, Ore. (Wire) -- Governor Lena Ortiz asked for federal disaster aid on Wednesday for",
            "Marrow Creek, the timber town where a levee failed and the Tillet River forced about 300",
            "families from their homes. ``We owe it to these families to move fast,'' Ortiz said after",
            "touring the town by helicopter. She said you could not look at the flooded main street",
            "without wanting to help, and that we should expect the repairs to take most of the summer.",
            "Engineers put the cost of rebuilding the levee at $12 million, three times the town's annual",
            "budget. The National Guard had sent 40 troops and six boats by Tuesday night, and a second",
            "shelter opened in the county seat. No one was killed in the flood, the sheriff's office",
            "said, but four people were treated for hypothermia. Forecasters expected more rain over the",
            "weekend and said the river should keep falling. The bridge to the coast highway could reopen",
            "by Friday.",
        ]
    )
    (tmp_path / "one.txt").write_text(HEADLINE + "\n" + FLOOD + "\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text(second + "\n", encoding="utf-8")
    briefs = run([str(tmp_path)], Config(), fake_models, one_story=True).briefs
    assert len(briefs) == 1 and briefs[0].summary
    body = {(source.id, line.n) for source in briefs[0].sources for line in source.article.body_lines()}
    assert len(body) == 2
    cited = {(cite.source, cite.line) for item in briefs[0].summary for cite in item.cite}
    assert cited and cited <= body
