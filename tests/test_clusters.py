"""Story clustering: the scores, the labelled-file reader and the story clusterer on labelled files.

The clusterer reads the real static encoder; the fakes of tests/fakes.py
stand in for spaCy, which cleaning asks whether a line names an outlet.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from rich.console import Console

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.eval.clusters import (
    BASELINE,
    NEWSWEAVE,
    ClusterDataError,
    LabelledDoc,
    bcubed,
    evaluate_clusters,
    newsweave_labels,
    pairwise_f1,
    read_labelled,
    render_table,
    tfidf_baseline,
    to_json,
)
from newsweave.group import cluster, story_labels
from newsweave.models import RawDoc
from newsweave.pipeline import story_features
from newsweave.readers import load

from .conftest import EXAMPLE, TWO_EVENTS

GOLD = ["a", "a", "b", "b", "b"]

FIRE_NORTH_1 = (
    "Warehouse fire in Harlow Bay kills 4",
    "A fire tore through a furniture warehouse in Harlow Bay on March 3, 2019, killing four workers.\n"
    "Firefighters from Harlow Bay battled the blaze for six hours before bringing it under control.\n"
    "Fire chief Dana Whitcombe said the cause of the fire was still under investigation.\n"
    "Eleven other workers were treated in hospital for smoke inhalation.",
)
FIRE_NORTH_2 = (
    "Four dead in Harlow Bay warehouse blaze",
    "Four people died when a blaze engulfed a furniture warehouse in Harlow Bay, "
    "officials said on March 3, 2019.\n"
    "Harlow Bay fire chief Dana Whitcombe told reporters that crews fought the flames for six hours.\n"
    "Eleven workers were taken to hospital with smoke inhalation, Whitcombe said.\n"
    "Investigators have not yet determined what started the fire.",
)
FIRE_SOUTH = (
    "Warehouse fire in Port Caldera kills 12",
    "A fire swept through a textile warehouse in Port Caldera on October 21, 2022, killing twelve workers.\n"
    "Firefighters in Port Caldera needed nine hours to bring the blaze under control.\n"
    "Fire commissioner Rafael Ostrova said 37 people were injured in the fire.\n"
    "Police in Port Caldera have opened an investigation into the cause of the fire.",
)
OUTLIER = (
    "Town library extends opening hours",
    "The public library of Millbrook will open on Sundays from next month, the town council announced.\n"
    "Librarians said the new hours respond to requests from students preparing for exams.\n"
    "The council will fund two extra part-time positions to staff the weekend shifts.",
)


def _labelled(items: list[tuple[str, str]], stories: list[str]) -> list[LabelledDoc]:
    return [
        LabelledDoc(f"doc-{i}", text, story, title)
        for i, ((title, text), story) in enumerate(zip(items, stories, strict=True))
    ]


def _cluster(models: Models, docs: list[LabelledDoc]) -> list[int]:
    return newsweave_labels(docs, models)


def _cluster_files(models: Models, folder: Path) -> list[int]:
    """The pipeline's way: files loaded, cleaned, described, then filed in turn."""
    decoded = [load(RawDoc(str(path), path.read_bytes())) for path in sorted(folder.glob("*.txt"))]
    articles = clean_corpus(decoded, models.nlp.is_organization)
    return story_labels(cluster(story_features(articles, models.static)), len(articles))


def test_bcubed_of_a_perfect_labelling_is_one_whatever_the_names() -> None:
    assert bcubed([7, 7, 3, 3, 3], GOLD) == (1.0, 1.0, 1.0)
    assert pairwise_f1([7, 7, 3, 3, 3], GOLD) == (1.0, 1.0, 1.0)


def test_bcubed_of_everything_in_one_cluster() -> None:
    precision, recall, f1 = bcubed([0] * 5, GOLD)
    assert (round(precision, 4), recall) == (0.52, 1.0)
    assert round(f1, 4) == round(2 * 0.52 / 1.52, 4)
    pair_precision, pair_recall, pair_f1 = pairwise_f1([0] * 5, GOLD)
    assert (pair_precision, pair_recall, round(pair_f1, 4)) == (0.4, 1.0, round(2 * 0.4 / 1.4, 4))


def test_bcubed_of_all_singletons() -> None:
    precision, recall, _f1 = bcubed([0, 1, 2, 3, 4], GOLD)
    assert (precision, round(recall, 4)) == (1.0, 0.4)
    assert pairwise_f1([0, 1, 2, 3, 4], GOLD) == (1.0, 0.0, 0.0)


def test_scores_reject_labellings_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="4 predicted labels for 5"):
        bcubed([0, 0, 1, 1], GOLD)


def test_malformed_lines_are_reported_with_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "One line.", "story": "s1"}),
        "{not json",
        json.dumps({"id": "b", "text": "Two.", "title": "T", "published": "2020-01-02", "story": 3}),
        "",
        json.dumps({"id": "c", "text": "   ", "story": "s1"}),
        json.dumps({"id": "d", "text": "Text.", "story": None}),
        json.dumps({"id": "a", "text": "Again.", "story": "s1"}),
        json.dumps({"id": "e", "text": "Text.", "story": "s2", "published": "last week"}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems: list[str] = []
    docs = read_labelled(path, problems.append)
    assert docs == [
        LabelledDoc("a", "One line.", "s1"),
        LabelledDoc("b", "Two.", "3", "T", "2020-01-02"),
    ]
    assert [problem.split(":")[0] for problem in problems] == [f"{path} line {n}" for n in (2, 5, 6, 7, 8, 9)]
    assert "not JSON" in problems[0] and "`text`" in problems[1] and "`story`" in problems[2]
    assert "duplicate id 'a'" in problems[3] and "ISO date" in problems[4]


def test_a_file_with_nothing_usable_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1}\nnope\n', encoding="utf-8")
    with pytest.raises(ClusterDataError, match="2 malformed lines"):
        read_labelled(path)
    with pytest.raises(ClusterDataError, match="cannot read"):
        read_labelled(tmp_path / "missing.jsonl")


def test_tfidf_baseline_separates_unrelated_texts() -> None:
    texts = [title + "\n" + text for title, text in (FIRE_NORTH_1, FIRE_NORTH_2, OUTLIER)]
    labels = tfidf_baseline(texts)
    assert labels[0] == labels[1] != labels[2]
    assert tfidf_baseline(["only one"]) == [0]


def test_look_alike_fires_stay_apart_and_reports_of_one_fire_join(fake_models: Models) -> None:
    docs = _labelled([FIRE_NORTH_1, FIRE_SOUTH, FIRE_NORTH_2, OUTLIER], ["n", "s", "n", "o"])
    labels = _cluster(fake_models, docs)
    assert labels == [0, 1, 0, 2]
    assert _cluster(fake_models, docs) == labels


def test_reordered_input_gives_the_same_partition(fake_models: Models) -> None:
    docs = _labelled([OUTLIER, FIRE_NORTH_2, FIRE_SOUTH, FIRE_NORTH_1], ["o", "n", "s", "n"])
    assert _cluster(fake_models, docs) == [0, 1, 2, 1]


def test_dates_outside_the_window_open_a_new_story(fake_models: Models) -> None:
    first = LabelledDoc("a", FIRE_NORTH_1[1], "n", FIRE_NORTH_1[0], "2019-03-03")
    late = LabelledDoc("b", FIRE_NORTH_2[1], "n", FIRE_NORTH_2[0], "2019-06-30")
    near = LabelledDoc("c", FIRE_NORTH_2[1], "n", FIRE_NORTH_2[0], "2019-03-04")
    assert _cluster(fake_models, [first, late]) == [0, 1]
    assert _cluster(fake_models, [first, near]) == [0, 0]


def test_no_article_gives_no_label() -> None:
    assert cluster([]) == []


def test_bundled_example_is_one_story(fake_models: Models) -> None:
    assert _cluster_files(fake_models, EXAMPLE) == [0] * 5


def test_two_unrelated_events_are_two_stories(fake_models: Models) -> None:
    # bank-a, bank-b, flood-a, flood-b
    assert _cluster_files(fake_models, TWO_EVENTS) == [0, 0, 1, 1]


def test_evaluation_scores_both_systems_and_reports_skipped_lines(
    fake_models: Models, tmp_path: Path
) -> None:
    path = tmp_path / "gold.jsonl"
    records = [
        {"id": str(i), "title": title, "text": text, "story": story}
        for i, ((title, text), story) in enumerate(
            zip([FIRE_NORTH_1, FIRE_SOUTH, FIRE_NORTH_2, OUTLIER], ["n", "s", "n", "o"], strict=True)
        )
    ]
    path.write_text("\n".join([*map(json.dumps, records), "{broken"]) + "\n", encoding="utf-8")
    evaluation = evaluate_clusters(path, fake_models)
    assert [system for system, _ in evaluation.rows] == [NEWSWEAVE, BASELINE]
    assert (evaluation.articles, evaluation.stories) == (4, 3)
    assert evaluation.skipped == (
        f"{path} line 5: not JSON (Expecting property name enclosed in double quotes at column 2); skipped",
    )
    newsweave = dict(evaluation.rows)[NEWSWEAVE]
    assert (newsweave.bcubed_f1, newsweave.pairwise_f1, newsweave.clusters) == (1.0, 1.0, 3)
    console = Console(width=120, record=True)
    console.print(render_table(evaluation))
    text = console.export_text()
    assert NEWSWEAVE in text and BASELINE in text and "1 malformed line(s) skipped" in text
    assert to_json(evaluation)["systems"][NEWSWEAVE]["bcubed_f1"] == 1.0


def test_eval_clusters_command_prints_both_systems_and_exits_partial_on_bad_lines(
    fake_cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "gold.jsonl"
    records = [
        {"id": str(i), "title": title, "text": text, "story": story}
        for i, ((title, text), story) in enumerate(
            zip([FIRE_NORTH_1, FIRE_SOUTH, FIRE_NORTH_2], ["n", "s", "n"], strict=True)
        )
    ]
    path.write_text("\n".join([*map(json.dumps, records), "[1, 2]"]) + "\n", encoding="utf-8")
    result = fake_cli("eval", "clusters", str(path), "--json")
    assert result.exit_code == 3
    assert "line 4" in result.stderr
    document = json.loads(result.stdout)
    assert set(document["systems"]) == {NEWSWEAVE, BASELINE}


def test_eval_clusters_command_names_a_missing_file(fake_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = fake_cli("eval", "clusters", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2
    assert "nope.jsonl" in result.stderr


ECB_TOPICS = Path(__file__).parent / "data" / "ecbplus" / "topics-10-24.jsonl"


@pytest.mark.parametrize("shape", ["as written", "one line, no title"])
def test_real_look_alike_events_in_any_shape_stay_within_their_topic(fake_models: Models, shape: str) -> None:
    """Real ECB+ reports (topics 10 and 24, never tuned on), as written and as wire dumps
    give them (the whole text on one line, no title): no story mixes the two topics,
    and the stories score no lower than the TF-IDF baseline on the same articles."""
    docs = read_labelled(ECB_TOPICS)
    if shape != "as written":
        docs = [LabelledDoc(doc.id, " ".join(doc.text.split()), doc.story) for doc in docs]
    labels = newsweave_labels(docs, fake_models)
    topics: dict[int, set[str]] = {}
    for label, doc in zip(labels, docs, strict=True):
        topics.setdefault(label, set()).add(doc.story.split("_")[0])
    assert all(len(found) == 1 for found in topics.values())
    gold = [doc.story for doc in docs]
    baseline = tfidf_baseline([f"{doc.title}\n{doc.text}" if doc.title else doc.text for doc in docs])
    assert bcubed(labels, gold)[2] >= bcubed(baseline, gold)[2]
