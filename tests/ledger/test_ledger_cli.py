"""The ledger commands through the CLI runner: every format, edits, exports, clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-ledger") / "ledger.db"
    code, _, err = invoke("ingest", str(seed_path), str(REPO / "examples"), "--db", str(path))
    assert code == 0, err
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("claims", "--about", "shells"),
        ("claims", "--entity", "North Korea", "--type", "AID", "--from", "2025"),
        ("groups", "--min-members", "2"),
        ("conflicts",),
        ("conflicts", "--no-sums"),
        ("timeline", "North Korea"),
        ("timeline", "Reuters", "--by", "report"),
        ("timeline", "group:1"),
        ("sources", "North Korea"),
        ("entities",),
    ],
    ids=lambda args: " ".join(args),
)
def test_queries_in_every_format(db: Path, args: tuple[str, ...]) -> None:
    code, out, err = invoke(*args, "--db", str(db), "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows, args
    code, out, err = invoke(*args, "--db", str(db), "--format", "csv")
    assert code == 0, err
    assert len(list(csv.DictReader(io.StringIO(out)))) == len(rows)
    code, out, err = invoke(*args, "--db", str(db))
    assert code == 0 and out.strip(), err


def test_conflicts_json_has_both_sides(db: Path) -> None:
    code, out, _ = invoke("conflicts", "--no-sums", "--db", str(db), "--format", "json")
    assert code == 0
    shells = [r for r in json.loads(out) if r["label"] == "AID North Korea → Russia: shell"]
    [finding] = [r["findings"] for r in shells]
    assert {side["source"] for side in finding["sides"]} == {"Reuters", "Shin Won Sik"}
    assert all(side["report"] for side in finding["sides"])


def test_entity_edits(db: Path) -> None:
    code, out, err = invoke("entities", "alias", "North Korea", "Hermit Kingdom", "--db", str(db))
    assert code == 0, err
    code, out, _ = invoke("timeline", "Hermit Kingdom", "--db", str(db), "--format", "json")
    assert code == 0 and json.loads(out)
    code, _, err = invoke("entities", "merge", "Reuters", "Atlantis", "--db", str(db))
    assert code == 1 and "no entity 'Atlantis'" in err
    code, _, err = invoke("entities", "merge", "NHK", "Bloomberg", "--db", str(db))
    assert code == 0, err
    code, out, _ = invoke("entities", "--db", str(db), "--format", "json")
    nhk = [e for e in json.loads(out) if e["id"] == "org:nhk"]
    assert "Bloomberg" in nhk[0]["aliases"]
    code, _, err = invoke("entities", "split", "org:nhk", "org:bloomberg", "--db", str(db))
    assert code == 0, err
    code, out, _ = invoke("entities", "--db", str(db), "--format", "json")
    assert "org:bloomberg" in {e["id"] for e in json.loads(out)}


def test_exports(db: Path, tmp_path: Path) -> None:
    code, _, err = invoke("tables", "--out", str(tmp_path / "tables"), "--db", str(db))
    assert code == 0, err
    assert (tmp_path / "tables" / "claims.csv").exists()
    code, out, _ = invoke("events", "--db", str(db))
    assert code == 0 and all(json.loads(line)["event_type"] for line in out.splitlines())
    code, out, _ = invoke("articles", "--db", str(db), "--format", "json")
    article = json.loads(out)[0]["id"]
    code, out, _ = invoke("timeml", article[:8], "--db", str(db))
    assert code == 0 and out.startswith("<?xml") and "<TIMEX3" in out
    code, _, err = invoke("brat", article[:8], "--out", str(tmp_path / "brat"), "--db", str(db))
    assert code == 0, err
    assert (tmp_path / "brat" / f"{article}.ann").read_text(encoding="utf-8")
    code, _, err = invoke("timeml", "ffffffff", "--db", str(db))
    assert code == 1 and "no article 'ffffffff'" in err
