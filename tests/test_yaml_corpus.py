"""The corpus of broken data files (tools/yaml_corpus.py, tests/data/yaml_corpus.jsonl): every kind of YAML
mistake, made near the top, the middle and the end of the shipped data file and the kinds' examples, is
reported with its code at the line and column where it is, whichever parser PyYAML runs on."""

import sys
from collections import Counter

from helpers import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import yaml_corpus

SYNTAX_CODES = [f"ITA{n}" for n in range(150, 163)] + ["ITA199"]


def test_the_corpus_is_what_the_hosts_give_now():
    """The written corpus is made by the script from the hosts as they are (the truth is computed, not typed)."""
    assert yaml_corpus.CORPUS.read_text(encoding="utf-8") == yaml_corpus.dumps(yaml_corpus.make_cases()), \
        "run python tools/yaml_corpus.py"


def test_every_code_is_made_at_the_top_the_middle_and_the_end():
    cases = yaml_corpus.read_corpus()
    places = {(case.code, case.where) for case in cases}
    assert {(code, where) for code in SYNTAX_CODES for where in yaml_corpus.WHERE} <= places
    assert set(Counter(case.host for case in cases)) == set(yaml_corpus.HOSTS)


def test_every_mistake_is_located_exactly(yaml_parser):
    found = yaml_corpus.results(yaml_corpus.read_corpus())
    table = yaml_corpus.table(found)
    print(f"\n{yaml_parser}:\n{table}")
    accepted = {(case.host, case.where, case.mistake) for case, code, _line, _col in found if not code}
    if yaml_parser == "pyyaml":
        # PyYAML's own parser reads `[text:]` as a list holding a one-pair mapping (YAML allows it); libyaml
        # refuses it. For the pure parser that text is no syntax error at all: validate reports its type instead.
        assert {mistake for _host, _where, mistake in accepted} <= {"a ':' before a closing bracket"}, accepted
        found = [item for item in found if item[1]]
    wrong = [f"{case.host} ({case.where}) {case.mistake}: expected {case.code} at {case.line}:{case.col}, "
             f"got {code} at {line}:{col}"
             for case, code, line, col in found if (code, line, col) != (case.code, case.line, case.col)]
    assert not wrong, table + "\n" + "\n".join(wrong)


def test_a_mistake_the_script_makes_is_where_it_says():
    """The script's truth, checked by hand on one case: the quote opened on the host's line and column."""
    [case] = [c for c in yaml_corpus.read_corpus()
              if c.host == "docs/kinds/columns.yaml" and c.mistake == "an unclosed double quote" and c.where == "top"]
    line = yaml_corpus.broken_text(case).split("\n")[case.line - 1]
    assert line[case.col - 1] == '"' and line.count('"') == 1
