from __future__ import annotations

from pathlib import Path

from cjm.lint.engine import lint_paths

from ..workspaces import TODAY, findings, write

RULE = "yaml11-scalar"

PERSONA = """\
kind: persona
id: ingrid
name: Ingrid
demographics:
  country: NO
  online_banking: yes
  age: 041
x-ratio: 1e5
x-mode: 0o17
x-slot: 1:30
x-list: [off, Y, 0b101, 1_000]
x-map:
  on: a
"""


def test_each_value_yaml_1_1_reads_otherwise_is_reported_where_it_is_written(
    tmp_path: Path,
) -> None:
    found = findings(tmp_path, RULE, {"ingrid.yaml": PERSONA})
    assert [where for where, _, _ in found] == [
        "ingrid.yaml:5:12",
        "ingrid.yaml:6:19",
        "ingrid.yaml:7:8",
        "ingrid.yaml:8:10",
        "ingrid.yaml:9:9",
        "ingrid.yaml:10:9",
        "ingrid.yaml:11:10",
        "ingrid.yaml:11:15",
        "ingrid.yaml:11:18",
        "ingrid.yaml:11:25",
        "ingrid.yaml:13:3",
    ]
    messages = [message for _, _, message in found]
    assert messages[0] == (
        '`NO` is the text "NO" here but false in YAML 1.1 tools (older PyYAML, Ruby); '
        'quote it (`"NO"`), or write `false` if false is meant'
    )
    assert messages[2] == (
        "`041` is the number 41 here but the number 33 in YAML 1.1 tools (older PyYAML, "
        'Ruby); write `41`, or quote it (`"041"`) if it is text'
    )
    assert messages[3].startswith('`1e5` is the number 100000 here but the text "1e5"')
    assert messages[3].endswith('write `100000`, or quote it (`"1e5"`) if it is text')
    assert messages[4].startswith('`0o17` is the number 15 here but the text "0o17"')
    assert messages[5].startswith('`1:30` is the text "1:30" here but the number 90 in YAML 1.1')
    assert messages[8].startswith('`0b101` is the text "0b101" here but the number 5')
    assert messages[9].startswith('`1_000` is the text "1_000" here but the number 1000')
    assert messages[10] == (
        'The key `on` is the text "on" here but true in YAML 1.1 tools (older PyYAML, Ruby); '
        'quote it (`"on"`)'
    )


def test_values_every_reader_takes_alike_pass(tmp_path: Path) -> None:
    persona = """\
kind: persona
id: ingrid
name: Ingrid
reviewed: 2026-01-05
demographics:
  country: "NO"
  online_banking: true
  age: 41
  city: Oslo
  note: no way
x-values: ['yes', "off", 0x1F, 1.5, 1.5E+3, .5, 10, -3, null, Norway, online, 2026-02-30]
"""
    assert findings(tmp_path, RULE, {"ingrid.yaml": persona}) == []


def test_a_value_written_once_and_aliased_is_reported_once_where_it_is_written(
    tmp_path: Path,
) -> None:
    persona = """\
kind: persona
id: ingrid
name: Ingrid
x-first: &answer no
x-again: *answer
x-list: [*answer, *answer]
"""
    found = findings(tmp_path, RULE, {"ingrid.yaml": persona})
    assert [where for where, _, _ in found] == ["ingrid.yaml:4:10"]


def test_findings_are_the_same_when_files_are_loaded_by_worker_processes(
    tmp_path: Path,
) -> None:
    write(tmp_path, {f"p{n}.yaml": PERSONA.replace("ingrid", f"p{n}") for n in range(4)})

    def found(jobs: int) -> list[str]:
        result = lint_paths([tmp_path], jobs=jobs, cwd=tmp_path, today=TODAY)
        return [f"{p.location}: {p.message}" for p in result.report.problems if p.code == RULE]

    alone = found(1)
    assert len(alone) == 4 * 11
    assert found(2) == alone


def test_it_warns_by_default_and_does_not_fail_the_run(tmp_path: Path) -> None:
    write(tmp_path, {"ingrid.yaml": PERSONA})
    result = lint_paths([tmp_path / "ingrid.yaml"], jobs=1, cwd=tmp_path, today=TODAY)
    levels = {p.level for p in result.report.problems if p.code == RULE}
    assert levels == {"warning"}
    assert result.exit_code() == 0


def test_cjm_yaml_is_looked_at_when_its_folder_is_linted(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cjm.cli import app

    (tmp_path / "cjm.yaml").write_text(
        "kind: workspace\nversion: 1\nname: on\nx-code: 010\n", encoding="utf-8"
    )
    runner = CliRunner()
    folder = runner.invoke(app, ["lint", str(tmp_path)], env={"NO_COLOR": "1"})
    assert folder.exit_code == 0, folder.output  # warnings only
    lines = [line for line in folder.output.splitlines() if "(yaml11-scalar)" in line]
    assert [line.split(": [warning] ")[0] for line in lines] == [
        f"{tmp_path}/cjm.yaml:3:7",
        f"{tmp_path}/cjm.yaml:4:9",
    ]
    off = tmp_path / "cjm.yaml"
    off.write_text(
        off.read_text(encoding="utf-8") + "lint: {rules: {yaml11-scalar: 'off'}}\n",
        encoding="utf-8",
    )
    quiet = runner.invoke(app, ["lint", str(tmp_path)], env={"NO_COLOR": "1"})
    assert "(yaml11-scalar)" not in quiet.output
