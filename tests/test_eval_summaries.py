"""`newsweave eval summaries DIR`, folder layout: newsweave beside Lead, Lead-newest, LexRank, TextRank.

The scored tables are integration tests, made with the real models; the
scoring rules, the baselines and the errors are checked on the fakes of
tests/fakes.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.errors import EXIT_PARTIAL, EXIT_USER_ERROR
from newsweave.eval.baselines import RegexTokenizer, document_sentences, lead, lexrank, newest_lead, textrank
from newsweave.eval.rouge import MEASURES
from newsweave.eval.summaries import (
    SYSTEMS,
    SummaryDataError,
    baseline_summaries,
    document_date,
    evaluate_summaries,
    find_clusters,
    newsweave_summary,
    truncate,
)
from newsweave.models import Article, Brief, Source, SummaryItem

FIXTURE = Path(__file__).resolve().parent / "data" / "summaries"


@pytest.fixture(scope="module")
def fixture_json(models: Models) -> dict[str, Any]:
    from click.testing import CliRunner

    from newsweave.cli import main

    result = CliRunner().invoke(main, ["eval", "summaries", str(FIXTURE), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.integration
def test_table_shows_every_system_with_scores_in_unit_range(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("eval", "summaries", str(FIXTURE), "--words", "60")
    assert result.exit_code == 0, result.output
    assert "2 clusters" in result.stdout and "first 60 words" in result.stdout
    for system in SYSTEMS:
        row = next(line for line in result.stdout.splitlines() if f" {system} " in line)
        numbers = [float(n) for n in re.findall(r"\d\.\d{4}", row)]
        assert len(numbers) == 5  # the R-2 interval's two ends, R-SU4
        assert all(0.0 <= n <= 1.0 for n in numbers)
        assert numbers[2] <= numbers[1] <= numbers[3]
    assert "newsweave's summary was empty in 0 of 2 clusters" in result.stdout
    assert "newsweave - LexRank, R-2:" in result.stdout
    assert "wall time per cluster" in result.stdout
    assert "ranks" not in result.stdout  # no official peers in this layout


@pytest.mark.integration
def test_json_has_means_and_per_cluster_outputs_within_budget(fixture_json: dict[str, Any]) -> None:
    assert fixture_json["schema"] == "newsweave.eval.summaries/2"
    assert fixture_json["words"] == 100
    assert [c["name"] for c in fixture_json["clusters"]] == ["bridge-closure", "library-fire"]
    assert [s["name"] for s in fixture_json["systems"]] == sorted(
        SYSTEMS, key=lambda s: -fixture_json["mean"][s]["rouge2"]["recall"]
    )
    for system in SYSTEMS:
        for measure in MEASURES:
            assert 0.0 < fixture_json["mean"][system][measure]["recall"] <= 1.0
        low, high = fixture_json["mean"][system]["rouge2_recall_ci"]
        assert low <= fixture_json["mean"][system]["rouge2"]["recall"] <= high
    assert fixture_json["newsweave"]["ranking"] is None
    assert fixture_json["newsweave"]["empty_clusters"] == []
    assert set(fixture_json["seconds"]) == {"newsweave", "LexRank"}
    for cluster in fixture_json["clusters"]:
        assert cluster["stories"] >= 1
        assert set(cluster["seconds"]) == {"newsweave", "LexRank"}
        for system in SYSTEMS:
            assert 0 < len(cluster["outputs"][system].split()) <= 100


def test_newsweave_takes_the_largest_story_first_then_the_others() -> None:
    def brief(name: str, sources: int, sentence: str) -> Brief:
        article = Article(path=f"{name}.txt", encoding="utf-8", lines=())
        return Brief(
            id=name,
            headline=name,
            sources=tuple(Source(id=f"S{i}", article=article) for i in range(sources)),
            summary=(SummaryItem(text=sentence, cite=()),),
        )

    briefs = [brief("small", 1, "Side story."), brief("big", 3, "Main story."), brief("mid", 1, "Other.")]
    assert newsweave_summary(briefs) == "Main story. Side story. Other."
    assert newsweave_summary([]) == ""


@pytest.mark.integration
def test_baselines_never_see_noise_lines(fixture_json: dict[str, Any]) -> None:
    bridge = fixture_json["clusters"][0]["outputs"]
    for system in ("Lead", "Lead-newest", "LexRank", "TextRank"):
        assert "Advertisement" not in bridge[system]
        assert "Harbor bridge closed after inspectors" not in bridge[system]  # titles are not body text


@pytest.mark.integration
@pytest.mark.parametrize("system", ["newsweave", "Lead"])
def test_reference_equal_to_a_system_output_scores_full_marks(
    cli,  # type: ignore[no-untyped-def]
    fixture_json: dict[str, Any],
    system: str,
    tmp_path: Path,
) -> None:
    for cluster in fixture_json["clusters"]:
        target = tmp_path / cluster["name"]
        shutil.copytree(FIXTURE / cluster["name"] / "docs", target / "docs")
        (target / "refs").mkdir()
        (target / "refs" / "same.txt").write_text(cluster["outputs"][system], encoding="utf-8")
    result = cli("eval", "summaries", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)["mean"][system]
    assert scored["rouge1"]["f"] == 1.0
    assert scored["rouge2"]["recall"] == 1.0
    assert scored["rougeSU4"]["recall"] == 1.0


def test_two_references_are_jackknifed_each_alone_then_averaged(fake_models: Models, tmp_path: Path) -> None:
    target = tmp_path / "one"
    shutil.copytree(FIXTURE / "library-fire" / "docs", target / "docs")
    (target / "refs").mkdir()
    config = Config().with_settings(words=40)
    lead_text = truncate(baseline_summaries(target / "docs", config, fake_models).outputs["Lead"], 40)
    (target / "refs" / "a.txt").write_text(lead_text, encoding="utf-8")
    (target / "refs" / "b.txt").write_text("Completely unrelated words about gardening.", encoding="utf-8")
    evaluation = evaluate_summaries(tmp_path, config, fake_models)
    assert evaluation.clusters[0].outputs["Lead"] == lead_text
    assert round(evaluation.mean("Lead", "rouge1").recall, 4) == 0.5  # 1.0 against a, 0.0 against b


def test_newest_lead_takes_the_newest_documents_leading_sentences() -> None:
    documents = [["Old one two.", "Old three."], ["New one two.", "New three four.", "New five."]]
    assert newest_lead(documents, ["2021-03-14", "2021-03-16"], 5) == ["New one two.", "New three four."]
    assert newest_lead(documents, ["2021-03-16", "2021-03-14"], 3) == ["Old one two."]
    assert newest_lead(documents, ["2021-03-16", "2021-03-16"], 3) == ["New one two."]  # a tie: the later
    assert newest_lead(documents, [None, None], 3) == ["New one two."]  # no dates: the last
    assert newest_lead(documents, ["2020-01-01", None], 3) == ["Old one two."]
    assert newest_lead([], [], 3) == []


def test_document_date_prefers_the_stated_date_then_the_pipelines_then_the_file_name() -> None:
    path = "docs/NYT19980612.0403"
    assert document_date(path, {path: "2004-11-07"}, "1998-06-11T08:00") == "1998-06-11"
    assert document_date(path, {path: "1998-06-13"}, None) == "1998-06-13"
    assert document_date(path, {}, None) == "1998-06-12"
    assert document_date("docs/notes.txt", {}, "yesterday") is None


def test_missing_directory_is_a_user_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("eval", "summaries", str(tmp_path / "absent"))
    assert result.exit_code == EXIT_USER_ERROR
    assert "is not a directory" in result.stderr


def test_empty_directory_is_a_user_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("eval", "summaries", str(tmp_path))
    assert result.exit_code == EXIT_USER_ERROR
    assert "no cluster folders" in result.stderr


def test_cluster_without_refs_alone_is_a_user_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(FIXTURE / "library-fire" / "docs", tmp_path / "lonely" / "docs")
    result = fake_cli("eval", "summaries", str(tmp_path))
    assert result.exit_code == EXIT_USER_ERROR
    assert "no usable cluster" in result.stderr and "lonely: no refs/*.txt" in result.stderr


def test_cluster_without_refs_is_skipped_with_a_warning(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(FIXTURE / "library-fire", tmp_path / "good")
    shutil.copytree(FIXTURE / "bridge-closure" / "docs", tmp_path / "norefs" / "docs")
    result = fake_cli("eval", "summaries", str(tmp_path), "--json")
    assert result.exit_code == EXIT_PARTIAL
    assert "warning: skipped cluster norefs: no refs/*.txt" in result.stderr
    assert [c["name"] for c in json.loads(result.stdout)["clusters"]] == ["good"]


def test_peers_need_the_duc_layout(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("eval", "summaries", str(FIXTURE), "--peers", str(tmp_path))
    assert result.exit_code == EXIT_USER_ERROR
    assert "--peers and --nist-avg need --refs" in result.stderr


def test_find_clusters_names_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "a" / "refs").mkdir(parents=True)
    (tmp_path / "a" / "refs" / "r.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SummaryDataError, match=r"a: no docs/\*\.txt"):
        find_clusters(tmp_path)


def test_truncate_keeps_the_first_words() -> None:
    assert truncate("one  two\nthree four", 3) == "one two three"
    assert truncate("short", 10) == "short"


def test_tokenizer_keeps_abbreviations_and_initials_inside_sentences() -> None:
    text = "Mr. Vale met U.S. officials on Monday. Dr. R. Osei agreed. The U.S. Senate voted on Friday."
    assert RegexTokenizer().to_sentences(text) == (
        "Mr. Vale met U.S. officials on Monday.",
        "Dr. R. Osei agreed.",
        "The U.S. Senate voted on Friday.",
    )


def test_tokenizer_ends_sentences_after_closing_quotes() -> None:
    text = 'She said "We will rebuild." Then she left! Was it "final?" Nobody knew.'
    assert RegexTokenizer().to_sentences(text) == (
        'She said "We will rebuild."',
        "Then she left!",
        'Was it "final?"',
        "Nobody knew.",
    )


def test_tokenizer_words_drop_punctuation_but_keep_contractions() -> None:
    assert RegexTokenizer().to_words('"We\'ll see," said Mr. Vale, 3.5 percent.') == (
        "We'll",
        "see",
        "said",
        "Mr",
        "Vale",
        "3.5",
        "percent",
    )


def test_lead_takes_leading_sentences_round_robin() -> None:
    documents = [["A one two.", "A three four."], ["B one two.", "B three four."]]
    assert lead(documents, 6) == ["A one two.", "B one two."]
    assert lead(documents, 7) == ["A one two.", "B one two.", "A three four."]
    assert lead([], 10) == []


def test_exact_repeats_across_documents_are_kept_once() -> None:
    documents = document_sentences(["Rain fell. Roads flooded.", "rain  fell. Schools closed."])
    assert documents == [["Rain fell.", "Roads flooded."], ["Schools closed."]]


def test_ranked_baselines_fill_the_budget_in_corpus_order() -> None:
    documents = document_sentences(
        [
            "Heavy rain flooded the river town on Monday. The mayor opened two shelters.",
            "The river town flooded after heavy rain. Schools in the town closed. Shops sold out of bread.",
        ]
    )
    flat = [sentence for sentences in documents for sentence in sentences]
    for summarize in (lexrank, textrank):
        picked = summarize(documents, 12)
        assert 12 <= sum(len(s.split()) for s in picked) < 12 + 9
        assert picked == [s for s in flat if s in picked]
    assert lexrank([[]], 10) == []


def test_no_nltk_data_is_read_or_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk
    import nltk.data

    from newsweave.eval.rouge import grams, pooled

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"NLTK data requested: {args}")

    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk, "download", refuse)
    documents = document_sentences(["Running dogs were barking. The cats ran away.", "The dogs ran home."])
    assert lexrank(documents, 5) and textrank(documents, 5)
    scores = pooled(grams("the dogs were running"), [grams("running dogs barked")])
    assert round(scores["rouge1"].recall, 4) == round(2 / 3, 4)  # "running" and "dogs", stemmed
