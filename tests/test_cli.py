from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from claimledger import __version__
from claimledger.cli import app
from claimledger.schema import validate_document

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# every sample article, examples/ledger/ included; one of them is a near-duplicate of another
N_EXAMPLES = len(list(EXAMPLES.rglob("*.txt")))
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def all_commands() -> list[tuple[str, Any]]:
    """(name, command) of every command and sub-command; typer vendors click, so duck-type."""
    root: Any = get_command(app)
    found: list[tuple[str, Any]] = []
    for name, command in root.commands.items():
        for sub, child in getattr(command, "commands", {}).items():
            found.append((f"{name} {sub}", child))
        found.append((name, command))
    return found


@pytest.mark.parametrize(("name", "command"), all_commands(), ids=lambda x: str(x))
def test_every_command_has_help_with_an_example(name: str, command: Any) -> None:
    assert command.help and "Example: claimledger" in command.help, name


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.strip() == f"claimledger {__version__}"


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "ledger.db"
    code, out, err = invoke("ingest", str(EXAMPLES), "--db", str(db))
    assert code == 0, err
    assert f"{N_EXAMPLES - 1} added, 1 near-duplicates linked" in out
    return db


def test_analyze_json_follows_the_contract(seed_path: Path) -> None:
    code, out, _ = invoke("analyze", str(seed_path))
    assert code == 0
    (line,) = out.strip().splitlines()
    data = json.loads(line)
    validate_document(data)
    assert data["article"]["published"] == "2025-06-19"
    assert data["article"]["title"].startswith("North Korea will send workers")


def test_analyze_several_gives_json_lines() -> None:
    code, out, _ = invoke("analyze", str(EXAMPLES))
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == N_EXAMPLES
    for line in lines:
        validate_document(json.loads(line))


def test_analyze_text_format(seed_path: Path) -> None:
    code, out, _ = invoke("analyze", str(seed_path), "--format", "text")
    assert code == 0
    assert "North Korea will send workers" in out
    assert "published 2025-06-19 (header)" in out


def test_analyze_date_option_for_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Russia said on Monday that talks would resume.\n", encoding="utf-8")
    code, out, _ = invoke("analyze", str(path), "--date", "2025-03-02")
    assert code == 0
    article = json.loads(out)["article"]
    assert (article["published"], article["published_source"]) == ("2025-03-02", "option")


def test_bad_date_option_is_a_clear_error(seed_path: Path) -> None:
    code, _, err = invoke("analyze", str(seed_path), "--date", "June 19")
    assert code == 2
    assert "--date" in err and "YYYY-MM-DD" in err


def test_articles_listing_formats(ledger_db: Path) -> None:
    code, out, _ = invoke("articles", "--db", str(ledger_db), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == N_EXAMPLES
    assert {r["published"] for r in rows} >= {"2024-01-05", "2025-06-18"}
    code, out, _ = invoke("articles", "--db", str(ledger_db), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == N_EXAMPLES and "sentences" in table[0]
    code, out, _ = invoke("articles", "--db", str(ledger_db))
    assert code == 0 and f"{N_EXAMPLES} articles" in out


def test_show_by_prefix(ledger_db: Path) -> None:
    _, out, _ = invoke("articles", "--db", str(ledger_db), "--format", "json")
    row = next(r for r in json.loads(out) if r["published"] == "2024-01-05")
    code, out, _ = invoke("show", row["id"][:6], "--db", str(ledger_db))
    assert code == 0
    assert "White House says Russia fired North Korean ballistic missiles" in out
    code, out, _ = invoke("show", row["id"], "--db", str(ledger_db), "--format", "json")
    validate_document(json.loads(out))


def test_show_unknown_article(ledger_db: Path) -> None:
    code, _, err = invoke("show", "ffffffff", "--db", str(ledger_db))
    assert code == 1 and "no article" in err


def test_search_with_snippets(ledger_db: Path) -> None:
    code, out, _ = invoke("search", "containers", "--db", str(ledger_db), "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 1
    assert "[containers]" in hits[0]["snippet"]


def test_search_bad_syntax_does_not_crash(ledger_db: Path) -> None:
    code, _, _ = invoke("search", '"unbalanced AND (', "--db", str(ledger_db))
    assert code == 0


def test_export_jsonl_and_csv(ledger_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, _, _ = invoke("export", "--db", str(ledger_db), "--format", "jsonl", "--out", str(target))
    assert code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == N_EXAMPLES
    for line in lines:
        validate_document(json.loads(line))
    code, out, _ = invoke("export", "--db", str(ledger_db), "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == N_EXAMPLES


def test_reingest_is_a_no_op(ledger_db: Path) -> None:
    code, out, _ = invoke("ingest", str(EXAMPLES), "--db", str(ledger_db))
    assert code == 0
    assert "0 added" in out and f"{N_EXAMPLES} already in the ledger" in out


def test_ingest_lists_failures_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (tmp_path / "good.txt").write_text("Kyiv said on Monday it had repelled the attack.\n")
    db = tmp_path / "l.db"
    code, out, err = invoke("ingest", str(tmp_path), "--db", str(db))
    assert code == 1
    assert "1 added" in out
    assert "empty.txt" in err and "blob.txt" in err
    assert "2 input(s) failed" in err


def test_missing_ledger_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = invoke("articles", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no ledger" in err


def test_report(ledger_db: Path) -> None:
    code, out, _ = invoke("report", "--db", str(ledger_db))
    assert code == 0
    assert f"{N_EXAMPLES} articles" in out


def test_user_gazetteer_adds_names(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Zorvana Kettle said the front was stable.\n", encoding="utf-8")
    gazetteer = tmp_path / "extra.yaml"
    gazetteer.write_text(
        "entities:\n  - name: Zorvana Kettle\n    label: PERSON\n    kind: military\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("analyze", str(article), "--gazetteer", str(gazetteer))
    assert code == 0
    mentions = json.loads(out)["mentions"]
    assert [(m["text"], m["entity"]) for m in mentions][:1] == [
        ("Zorvana Kettle", "person:zorvana-kettle")
    ]


def test_bad_gazetteer_is_a_clear_error(tmp_path: Path, seed_path: Path) -> None:
    gazetteer = tmp_path / "bad.yaml"
    gazetteer.write_text("entities:\n  - name: X\n    colour: red\n", encoding="utf-8")
    code, _, err = invoke("analyze", str(seed_path), "--gazetteer", str(gazetteer))
    assert code == 2
    assert "bad.yaml" in err and "colour" in err


def test_awkward_text_never_stops_a_batch_or_the_display(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # a figure that overflows a float, and text that looks like rich markup
    (folder / "a.txt").write_text("The ministry said " + "9" * 400 + " soldiers died.\n")
    (folder / "b.txt").write_text("Officials said 40 [/b] soldiers [country:PRK] were killed.\n")
    db = tmp_path / "l.db"
    code, out, err = invoke("ingest", str(folder), "--db", str(db))
    assert code == 0, err
    assert "2 added" in out
    code, out, _ = invoke("search", "soldiers", "--db", str(db))
    assert code == 0 and "[/b]" in out
    _, listing, _ = invoke("articles", "--db", str(db), "--format", "json")
    for row in json.loads(listing):
        code, out, _ = invoke("show", row["id"], "--db", str(db))
        assert code == 0


def test_unwritable_output_is_a_clear_error(ledger_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.jsonl"
    code, _, err = invoke("export", "--db", str(ledger_db), "--out", str(target))
    assert code == 1 and "missing-folder" in err


def test_bad_date_filter_is_a_clear_error(ledger_db: Path) -> None:
    code, _, err = invoke("claims", "--db", str(ledger_db), "--from", "April")
    assert code == 1 and "YYYY" in err


def test_eval_polnear_agreement(shared: Path) -> None:
    code, out, _err = invoke("eval", "polnear-agreement", str(shared / "data/polnear/dev"))
    assert code == 0
    result = json.loads(out)
    assert (result["articles"], result["annotations"]) == (2, 12)
    assert set(result["scores"]) == {"pairwise", "majority", "system"}
    assert result["scores"]["system"]["cue"]["exact"]["gold"] == 155  # the 12 annotations
    code, _out, err = invoke("eval", "polnear-agreement", str(shared / "data"))
    assert code != 0 and "text/ and attributions/" in err
