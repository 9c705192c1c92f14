"""Every command, subcommand, option, make target, make variable and environment variable that
the README and docs/*.md name exists: read from the real argparse parsers, the Makefile and the
code, so that the docs cannot drift from what a user can type."""

import argparse
import re
import shlex
from functools import cache

from hubspot_toolkit.cli.main import parser as toolkit_parser
from tests.docs.markdown import blocks, name_of, pages, shell_lines, spans
from tests.paths import REPO

# Options of other tools that the docs name, with the tool; anything else must be ours.
FOREIGN_OPTIONS = {
    "--isolated": "ruff",
    "--strict": "mypy",
    "--no-deps": "pip",
    "--hypothesis-profile": "pytest (hypothesis)",
}
# Environment variables of other tools that the docs name.
FOREIGN_VARIABLES = {"CI", "PIP_CONSTRAINT", "PYTEST_DISABLE_PLUGIN_AUTOLOAD"}
# What starts one of our commands, and the parser path it starts at.
COMMANDS = re.compile(r"(?<![\w-])(hubspot-toolkit|hubspot-bulk|python -m hubspot_toolkit)\b(.*)")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=")
OUR_VARIABLE = re.compile(r"\b(HUBSPOT_[A-Z0-9_]*[A-Z0-9])\b")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


@cache
def commands() -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every parser of `hubspot-toolkit`, by its path of subcommands (() is the top)."""
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(path: tuple[str, ...], parser: argparse.ArgumentParser) -> None:
        found[path] = parser
        for name, child in _subcommands(parser).items():
            walk((*path, name), child)

    walk((), toolkit_parser())
    return found


def options(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._actions for name in action.option_strings}


@cache
def makefile() -> tuple[set[str], set[str]]:
    """The Makefile's targets, and the variables it reads."""
    text = re.sub(r"^\s*#.*$", "", (REPO / "Makefile").read_text(), flags=re.M)
    targets = set(re.findall(r"^([a-z][a-z-]*):", text, re.M))
    variables = set(re.findall(r"\$\(([A-Z][A-Z0-9_]*)\)", text))
    variables |= set(re.findall(r"given,[^,]+,([A-Z][A-Z0-9_]*)\)", text))
    return targets, variables


@cache
def environment() -> set[str]:
    """The environment variables the toolkit and the suite read: their names as string
    literals, and each subcommand's PREFIX + NAME read through its `_env("NAME")`."""
    names: set[str] = set()
    for folder in ("hubspot_toolkit", "contract_tests"):
        for source in (REPO / folder).rglob("*.py"):
            text = source.read_text()
            names |= set(re.findall(r"\"(HUBSPOT_[A-Z0-9_]*[A-Z0-9])\"", text))
            prefix = re.search(r"^PREFIX = \"(HUBSPOT_[A-Z_]+_)\"", text, re.M)
            if prefix:
                names |= {prefix[1] + name for name in re.findall(r"_env\(\"(\w+)\"\)", text)}
    return names


def check_command(line: str) -> list[str]:
    """What is wrong with each of our commands in a line: an unknown subcommand or option."""
    problems = []
    for match in COMMANDS.finditer(line):
        rest = re.split(r"&&|;|\s>\s", match[2])[0]
        path: tuple[str, ...] = ("bulk",) if match[1] == "hubspot-bulk" else ()
        for word in (w.strip("[]()") for w in rest.split()):
            if not re.fullmatch(r"[a-z][a-z-]*", word) or not _subcommands(commands()[path]):
                break
            if (*path, word) not in commands():
                problems.append(
                    f"`{' '.join(('hubspot-toolkit', *path))}` has no subcommand {word}"
                )
                break
            path = (*path, word)
        known = options(commands()[path]) | {"--help", "-h"}
        for option in OPTION.findall(rest):
            if option not in known:
                problems.append(f"`{' '.join(('hubspot-toolkit', *path))}` has no option {option}")
    return problems


def check_make(line: str) -> list[str]:
    """A make command's targets and variables, and the variables set before it."""
    targets, variables = makefile()
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    if "make" not in words:
        return []
    at = words.index("make")
    problems = []
    for word in words[:at]:
        name = ASSIGNMENT.match(word)
        if name and name[1] not in variables | environment() | FOREIGN_VARIABLES:
            problems.append(f"{name[1]}: neither a make variable nor an environment variable")
    for word in words[at + 1 :]:
        name = ASSIGNMENT.match(word)
        if name and name[1] not in variables:
            problems.append(f"make variable {name[1]}: the Makefile does not read it")
        elif re.fullmatch(r"[a-z][a-z-]*", word) and word not in targets:
            problems.append(f"make target {word}: not in the Makefile")
    return problems


def check_variables(code: str) -> list[str]:
    """Assignments before a command, and every HUBSPOT_* name: read by the code or make."""
    _, variables = makefile()
    known = variables | environment() | FOREIGN_VARIABLES
    problems = []
    for name in OUR_VARIABLE.findall(code):
        if name not in environment() | {"HUBSPOT_DEFINED"}:  # HUBSPOT_DEFINED: a category
            problems.append(f"environment variable {name}: nothing reads it")
    for word in [] if re.search(r"\bmake\b", code) else code.split():  # make: check_make
        name = ASSIGNMENT.match(word)
        if name and name[1] not in known:
            problems.append(f"{name[1]}: neither a make variable nor an environment variable")
    return problems


def check_variable_tables(text: str) -> list[str]:
    """Tables headed `| variable |` list make variables (and HUBSPOT_* environment ones)."""
    _, variables = makefile()
    problems = []
    for table in re.findall(r"^\| variable \|.*?\n((?:\|.*\n)+)", text, re.M):
        for row in table.splitlines()[1:]:
            for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1]):
                if not name.startswith("HUBSPOT_") and name not in variables:
                    problems.append(f"make variable {name}: the Makefile does not read it")
    return problems


def check_bare_options(text: str) -> list[str]:
    every = set().union(*(options(p) for p in commands().values()))
    problems = []
    for span in spans(text):
        option = re.match(r"--[a-z][a-z0-9-]*(?=$|[\s=])", span)
        ours = option and not COMMANDS.search(span) and option[0] not in FOREIGN_OPTIONS
        if option and ours and option[0] not in every:
            problems.append(f"option {option[0]}: no command of ours has it")
    return problems


def problems_in(text: str) -> list[str]:
    code = [line for b in blocks(text) if b.language in ("sh", "") for line in shell_lines(b.text)]
    code += spans(text)
    found: list[str] = []
    for line in code:
        found += check_command(line) + check_make(line) + check_variables(line)
    found += check_variable_tables(text) + check_bare_options(text)
    return list(dict.fromkeys(found))


def test_every_name_in_the_docs_exists() -> None:
    problems = [
        f"{name_of(page)}: {problem}"
        for page in pages()
        for problem in problems_in(page.read_text())
    ]
    assert not problems, "\n".join(problems)


def test_the_check_finds_names_that_do_not_exist() -> None:
    page = (
        "```sh\nmake serve PORTT=1\nHUBSPOT_NO_SUCH=1 make contrac\n"
        "hubspot-toolkit serve --no-such-option\n"
        "hubspot-bulk upsert-line-items f.csv --id-prop x\nhubspot-toolkit serv\n```\n\n"
        "`--failed-files`, `HUBSPOT_SERVER_PORTS`, and `hubspot-toolkit bulk read-associatons`\n\n"
        "| variable | meaning |\n|---|---|\n| `PAGE_SIZE` | not a make variable |\n"
    )
    assert problems_in(page) == [
        "make variable PORTT: the Makefile does not read it",
        "HUBSPOT_NO_SUCH: neither a make variable nor an environment variable",
        "make target contrac: not in the Makefile",
        "environment variable HUBSPOT_NO_SUCH: nothing reads it",
        "`hubspot-toolkit serve` has no option --no-such-option",
        "`hubspot-toolkit bulk upsert-line-items` has no option --id-prop",
        "`hubspot-toolkit` has no subcommand serv",
        "environment variable HUBSPOT_SERVER_PORTS: nothing reads it",
        "`hubspot-toolkit bulk` has no subcommand read-associatons",
        "make variable PAGE_SIZE: the Makefile does not read it",
        "option --failed-files: no command of ours has it",
    ]
