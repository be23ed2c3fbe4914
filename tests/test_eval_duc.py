"""`eval summaries DOCS --refs REFS --peers PEERS`: the DUC layout, on an invented DUC-shaped tree.

tests/data/duc mimics how NIST ships DUC (cluster folders of LDC SGML files
named like `XIE20210314.0007`, references and peers named
`TOPIC.M.250.A.ID`, a pyramid file, an averages file); every text in it is
invented. The tables (every system scored) are integration tests, made with
the real models; the layout, the errors and the skipped clusters are checked
on the fakes of tests/fakes.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsweave.analyze import Models
from newsweave.errors import EXIT_PARTIAL, EXIT_USER_ERROR
from newsweave.eval.duc import (
    DucDataError,
    find_duc_clusters,
    folder_topic,
    pyramid_summaries,
    read_nist_averages,
    summary_name,
)

DUC = Path(__file__).resolve().parent / "data" / "duc"
DOCS, REFS, PEERS, PYRAMIDS, NIST = (DUC / n for n in ("docs", "refs", "peers", "pyramids", "nist.avg"))


def test_topic_of_a_cluster_folder_and_of_a_summary_file() -> None:
    assert folder_topic("D0601A") == "d0601"
    assert folder_topic("d0601a") == "d0601"
    assert folder_topic("D0601") == "d0601"
    assert folder_topic("notes") is None
    assert summary_name("D0601.M.250.A.B") == ("d0601", "B")
    assert summary_name("D0601.M.250.A.24") == ("d0601", "24")
    assert summary_name("README") is None
    assert summary_name("notes.txt") is None


def test_references_and_peers_are_matched_to_clusters_by_topic() -> None:
    clusters, skipped = find_duc_clusters(DOCS, REFS, PEERS)
    assert skipped == []
    assert [c.name for c in clusters] == ["D9901A", "D9902B"]
    assert [[r.id for r in c.refs] for c in clusters] == [["A", "C"], ["A", "D"]]
    assert [[p.id for p in c.peers] for c in clusters] == [["1", "2", "A"], ["1", "2", "A"]]
    assert clusters[0].folder == DOCS / "D9901A"
    assert clusters[0].refs[1].text.startswith("The Marrow River flooded")


def test_topics_match_whatever_the_case(tmp_path: Path) -> None:
    shutil.copytree(DOCS / "D9901A", tmp_path / "d9901a")
    clusters, skipped = find_duc_clusters(tmp_path, REFS)
    assert [c.name for c in clusters] == ["d9901a"]
    assert skipped == ["references of 1 topic with no cluster folder in " + str(tmp_path) + ": D9902"]


def test_a_cluster_without_references_is_skipped_with_a_note(tmp_path: Path) -> None:
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copytree(DOCS / "D9901A", tmp_path / "docs" / "D9903C")
    clusters, skipped = find_duc_clusters(tmp_path / "docs", REFS)
    assert [c.name for c in clusters] == ["D9901A", "D9902B"]
    assert skipped == [f"cluster D9903C: no references for topic D9903 in {REFS}"]


def test_pyramid_files_give_the_references_they_hold() -> None:
    clusters, skipped = find_duc_clusters(DOCS, PYRAMIDS)
    assert [c.name for c in clusters] == ["D9901A"]
    assert skipped == [f"cluster D9902B: no references for topic D9902 in {PYRAMIDS}"]
    for ref in clusters[0].refs:
        assert ref.text.split() == (REFS / f"D9901.M.250.A.{ref.id}").read_text().split()


def test_pyramid_text_is_unescaped_and_headerless_blocks_are_numbered() -> None:
    headed = "<text><line>#1</line><line>---</line><line> D0701.M.250.A.G</line><line>---</line>"
    headed += "<line>Dees said &quot;no&quot; &amp; left.</line><line></line></text><scu><line>x</line></scu>"
    (summary,) = pyramid_summaries(headed)
    assert (summary.id, summary.text) == ("G", 'Dees said "no" & left.')
    plain = "<text><line>One.</line><line>----</line><line>Two.</line><line>Three.</line></text>"
    assert [(s.id, s.text) for s in pyramid_summaries(plain)] == [("ref1", "One."), ("ref2", "Two.\nThree.")]


def test_nist_averages_are_read_by_summarizer_id() -> None:
    assert read_nist_averages(NIST) == {"A": 0.31, "1": 0.2, "2": 0.02}


def test_layout_errors_name_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(DucDataError, match=r"--refs .* is not a directory"):
        find_duc_clusters(DOCS, tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DucDataError, match="holds no summary files"):
        find_duc_clusters(DOCS, tmp_path / "empty")
    shutil.copytree(DOCS / "D9901A", tmp_path / "docs" / "flood")
    with pytest.raises(DucDataError, match=r"no cluster folder in .* matches a reference topic"):
        find_duc_clusters(tmp_path / "docs", REFS)


def _one_line_error(result: Any, *needles: str) -> None:
    assert result.exit_code == EXIT_USER_ERROR, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_cli_errors_cleanly_on_a_missing_or_mismatched_tree(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summaries = ("eval", "summaries")
    _one_line_error(fake_cli(*summaries, str(DOCS), "--refs", str(tmp_path / "absent")), "is not a directory")
    (tmp_path / "empty").mkdir()
    _one_line_error(fake_cli(*summaries, str(DOCS), "--refs", str(tmp_path / "empty")), "no summary files")
    shutil.copytree(DOCS / "D9901A", tmp_path / "docs" / "flood")
    _one_line_error(
        fake_cli(*summaries, str(tmp_path / "docs"), "--refs", str(REFS)), "matches a reference topic"
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "D9999.M.250.Z.7").write_text("Nothing here.", encoding="utf-8")
    _one_line_error(
        fake_cli(*summaries, str(DOCS), "--refs", str(REFS), "--peers", str(tmp_path / "other")), "no peer"
    )
    (tmp_path / "bad.avg").write_text("no scores here\n", encoding="utf-8")
    bad_avg = ("--peers", str(PEERS), "--nist-avg", str(tmp_path / "bad.avg"))
    _one_line_error(fake_cli(*summaries, str(DOCS), "--refs", str(REFS), *bad_avg), "--nist-avg")
    _one_line_error(fake_cli(*summaries, str(tmp_path / "absent"), "--refs", str(REFS)), "is not a directory")


@pytest.fixture(scope="module")
def duc_json(models: Models) -> dict[str, Any]:
    from click.testing import CliRunner

    from newsweave.cli import main

    args = [
        "eval",
        "summaries",
        str(DOCS),
        "--refs",
        str(REFS),
        "--peers",
        str(PEERS),
        "--nist-avg",
        str(NIST),
    ]
    result = CliRunner().invoke(main, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.integration
def test_duc_run_scores_our_systems_and_every_peer_at_250_words(duc_json: dict[str, Any]) -> None:
    assert duc_json["words"] == 250
    assert [c["name"] for c in duc_json["clusters"]] == ["D9901A", "D9902B"]
    kinds = {s["name"]: s["kind"] for s in duc_json["systems"]}
    assert kinds["peer 1"] == kinds["peer 2"] == "peer" and kinds["human A"] == "human"
    assert kinds["newsweave"] == "newsweave" and kinds["Lead-newest"] == "baseline"
    assert list(kinds.values())[-1] == "human"  # humans listed apart, at the bottom
    for cluster in duc_json["clusters"]:
        assert {"peer 1", "peer 2", "human A", "newsweave"} <= set(cluster["scores"])
        assert all(len(text.split()) <= 250 for text in cluster["outputs"].values())
    assert duc_json["newsweave"]["ranking"]["of"] == 3
    assert duc_json["newsweave"]["ranking"]["peers"] == 2
    assert [check["group"] for check in duc_json["nist_check"]] == ["official systems", "systems and humans"]


@pytest.mark.integration
def test_lead_newest_reads_the_newest_document_first(duc_json: dict[str, Any]) -> None:
    flood = duc_json["clusters"][0]["outputs"]
    assert "Flood water in Elmstead fell on Tuesday" in flood["Lead-newest"]  # XIE20210316: the newest
    assert "three days of heavy rain" not in flood["Lead-newest"]
    # the round-robin Lead starts with the first document in file-name order
    assert flood["Lead"].index("three days of heavy rain") < flood["Lead"].index("Flood water in Elmstead")


@pytest.mark.integration
def test_duc_table_lists_peers_ranks_newsweave_and_checks_the_scorer(cli) -> None:  # type: ignore[no-untyped-def]
    args = ("--refs", str(REFS), "--peers", str(PEERS), "--nist-avg", str(NIST))
    result = cli("eval", "summaries", str(DOCS), *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = [line.split()[1:3] for line in lines if line.startswith("│")]
    assert ["peer", "1"] in rows and ["human", "A"] in rows
    assert rows.index(["human", "A"]) == len(rows) - 1
    assert any(line.startswith("newsweave ranks ") and "of 3 by R-2: above" in line for line in lines)
    assert "scorer check, R-2 against NIST's averages, official systems (2): Spearman" in result.stdout


def test_a_cluster_without_references_is_reported_and_the_run_exits_partial(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(DOCS / "D9901A", tmp_path / "D9901A")
    (tmp_path / "D9907A").mkdir()
    (tmp_path / "D9907A" / "note.txt").write_text(
        "A lone note about nothing in particular.", encoding="utf-8"
    )
    result = fake_cli("eval", "summaries", str(tmp_path), "--refs", str(REFS), "--json")
    assert result.exit_code == EXIT_PARTIAL
    assert "warning: skipped cluster D9907A: no references for topic D9907" in result.stderr
    assert [c["name"] for c in json.loads(result.stdout)["clusters"]] == ["D9901A"]


def test_every_option_of_eval_summaries_is_explained(fake_cli) -> None:  # type: ignore[no-untyped-def]
    from newsweave.cli.evaluate import eval_summaries

    text = fake_cli("eval", "summaries", "--help").output
    for param in eval_summaries.params:
        if param.param_type_name == "option" and not getattr(param, "hidden", False):
            assert param.help, f"{param.name} has no help text"
            assert param.opts[0] in text
