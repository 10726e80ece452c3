"""E-mail drafts and calendar files that can be sent out as they are (issue 13).

The drafts are written only for the channels that are e-mails, carry From/To (the
plan's official contact, or placeholders that reach no one), declare the calendar
part's charset and parse without defects; the calendars carry a SEQUENCE that rises
from one build to the next, describe an event without repeating its title, and never
publish the meeting link of a dialogue that asks people to register. Every file is
read back with `email` (default policy), icalendar and vobject.
"""

from __future__ import annotations

import email
import itertools
import re
from email import policy
from pathlib import Path

import pytest
import vobject
from conftest import PROJECT, REPO
from icalendar import Calendar

from dialogkit.ics import SEQUENCE_START

EPOCH = 1767225600  # 2026-01-01, as in test_products.py
TODAY = "2023-03-01"
VASTMANLAND = REPO / "plans" / "vastmanland-nara-vard.yaml"


def sequence_at(epoch: int) -> int:
    return (epoch - int(SEQUENCE_START.timestamp())) // 60


def parse_eml(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def calendar_part(message):
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part


def events(raw: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(raw).walk("VEVENT")}


def no_space(text: str) -> str:
    """Python 3.11's parser reads a space into a display name folded between two
    encoded words (CPython gh-128110, fixed later); RFC 2047 §6.2 says to ignore it,
    as mail programs do. Compared without spaces, the name is what was written."""
    return "".join(text.split())


def channels(names: list[str]) -> str:
    return "invitation_channels:\n" + "".join(f"  - channel: {n}\n" for n in names)


# --- the example workspace's build ---------------------------------------------------


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    return {"out": tmp_path_factory.mktemp("example") / "build", "done": False}


@pytest.fixture
def example_build(run, monkeypatch, built_once) -> Path:
    """`dialogkit build plans`, reproducible; one build for the whole module."""
    if not built_once["done"]:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        monkeypatch.chdir(REPO)
        result = run("build", "plans", "--out", built_once["out"], "--today", TODAY)
        assert result.exit_code == 0, result.stderr
        built_once["done"] = True
    return built_once["out"]


@pytest.mark.slow
def test_build_writes_drafts_for_the_e_mail_channels_only(example_build):
    """The plan lists six channels, reminder among them: every dialogue gets an
    e-mail draft and a reminder draft, and no other channel is an .eml."""
    folder = example_build / "vastmanland-nara-vard" / "inbjudningar"
    dialogues = sorted(p for p in folder.iterdir() if p.is_dir())
    assert len(dialogues) == 10
    for dialogue in dialogues:
        assert sorted(p.name for p in dialogue.glob("*.eml")) == ["email.eml", "reminder.eml"]
    assert sorted({p.name for p in example_build.rglob("*.eml")}) == ["email.eml", "reminder.eml"]


@pytest.mark.slow
def test_every_draft_is_a_clean_draft_with_its_calendar(example_build):
    drafts = sorted(example_build.glob("*/inbjudningar/**/*.eml"))  # feedback has none
    assert len(drafts) == 20
    for path in drafts:
        message = parse_eml(path.read_bytes())
        assert message.defects == [], path
        assert [(p.get_content_type(), p.defects) for p in message.walk() if p.defects] == []
        assert message["X-Unsent"] == "1"  # Outlook: a message to send
        assert message["X-Mozilla-Draft-Info"].startswith("internal/draft;")  # Thunderbird's
        (sender,) = message["From"].addresses
        assert sender.addr_spec == "invanardialog@example.se"  # official: true in the plan
        assert no_space(sender.display_name) == no_space(
            "Sekretariatet för beredningen för invånardialog"
        )
        (recipient,) = message["To"].addresses
        assert (recipient.display_name, recipient.addr_spec) == ("Mottagare", "mottagare@invalid")
        part = calendar_part(message)
        assert part.get_content_charset() == "utf-8"
        assert part.get_param("method") == "PUBLISH"
        assert part["MIME-Version"] is None  # the message's header, not a part's
        attached = part.get_payload(decode=True)
        assert attached == (path.parent / f"{path.parent.name}.ics").read_bytes()
        assert "å" in part.get_content() or "ä" in part.get_content()  # read as UTF-8


@pytest.mark.slow
def test_every_calendar_parses_with_two_libraries_and_carries_the_sequence(example_build):
    calendars = sorted(example_build.rglob("*.ics"))
    # kalender.ics and one per invited dialogue, and the web page's copies of them
    assert len(calendars) == 22
    for path in calendars:
        raw = path.read_bytes()
        parsed = events(raw)
        assert parsed, path
        assert {int(e["SEQUENCE"]) for e in parsed.values()} == {sequence_at(EPOCH)}
        second = vobject.readOne(raw.decode("utf-8"), validate=True)
        assert sorted(e.uid.value for e in second.vevent_list) == sorted(parsed)
        assert {int(e.sequence.value) for e in second.vevent_list} == {sequence_at(EPOCH)}


WORD = re.compile(r"[^\W\d_]+")
LINK_OR_ADDRESS = re.compile(r"\S+@\S+|https?://\S+")


def words_of(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(LINK_OR_ADDRESS.sub(" ", text))]


def same_word(a: str, b: str) -> bool:
    """The same word, or one a compound of the other: "invånardialog" repeats
    "dialog", "testdialog" repeats "invånardialog" (both end in "dialog")."""
    if len(a) < 5 or len(b) < 5:
        return False
    return a == b or a.endswith(b) or b.endswith(a) or a[-6:] == b[-6:]


def repeated(first: list[str], second: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for a in first for b in second if same_word(a, b)]


@pytest.mark.slow
@pytest.mark.parametrize("plan", ["vastmanland-nara-vard"])
def test_no_description_repeats_its_title_or_itself(example_build, plan):
    """The description used to open with the project's title and "invånardialog i
    Arboga" (or "testdialog") under a title that already says "Invånardialog …":
    "dialog … dialog". Its opening line now repeats nothing of the title, nor
    itself, and no word anywhere follows itself."""
    for event in events((example_build / plan / "kalender.ics").read_bytes()).values():
        description, summary = str(event["DESCRIPTION"]), str(event["SUMMARY"])
        opening = words_of(description.splitlines()[0])
        assert repeated(opening, words_of(summary)) == [], (summary, description)
        pairs = [(a, b) for i, a in enumerate(opening) for b in opening[i + 1 :]]
        assert [(a, b) for a, b in pairs if same_word(a, b)] == [], description
        every = words_of(description)
        assert [a for a, b in itertools.pairwise(every) if a == b] == [], description


@pytest.mark.slow
def test_no_calendar_publishes_a_link_of_a_dialogue_with_registration(example_build):
    """Every digital dialogue of the example asks people to register (test-1 and test-2
    are test dialogues): the link goes to those who register, so no calendar, on its
    own or attached to a draft, shows it."""
    plan = VASTMANLAND.read_text("utf-8")
    links = re.findall(r"link: (\S+)", plan)
    assert len(links) == 4 and "test: true" in plan
    texts = [p.read_text("utf-8") for p in example_build.rglob("*.ics")]
    texts += [
        calendar_part(parse_eml(p.read_bytes())).get_content()
        for p in example_build.glob("*/inbjudningar/**/*.eml")
    ]
    unfolded = [re.sub(r"\r?\n[ \t]", "", text) for text in texts]
    assert [link for link in links for text in unfolded if link in text] == []
    test_events = events((example_build / "vastmanland-nara-vard" / "kalender.ics").read_bytes())
    assert str(test_events["test-1.vastmanland-nara-vard@dialogkit"]["LOCATION"]) == "Teams"


# --- the single commands -------------------------------------------------------------


def eml_names(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.eml"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        ("", ["email", "reminder"]),  # no channels in the plan: all of them
        (channels(["web", "facebook"]), ["email"]),  # the e-mail draft always
        (channels(["web", "reminder"]), ["email", "reminder"]),
    ],
    ids=["no-channels", "web-facebook", "web-reminder"],
)
def test_invite_eml_writes_drafts_for_the_e_mail_channels(run, write, tmp_path, listed, expected):
    out = tmp_path / "ut"
    result = run("invite", write(PROJECT + listed), "-f", "eml", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert eml_names(out) == sorted(f"{d}/{c}.eml" for d in ("sala", "koping") for c in expected)


def test_invite_eml_with_one_e_mail_channel_writes_that_one(run, write, tmp_path):
    out = tmp_path / "ut"
    result = run("invite", write(PROJECT), "-f", "eml", "-c", "reminder", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert eml_names(out) == ["koping/reminder.eml", "sala/reminder.eml"]


@pytest.mark.parametrize("asked", [["facebook"], ["email", "press_release"]])
def test_invite_eml_for_a_channel_that_is_no_e_mail_is_a_message(run, write, tmp_path, asked):
    out = tmp_path / "ut"
    args = [arg for channel in asked for arg in ("-c", channel)]
    result = run("invite", write(PROJECT), "-f", "eml", *args, "--out", out)
    assert result.exit_code == 2
    other = asked[-1]
    assert f"Kanalen {other} är inget e-postmeddelande" in result.stderr
    assert "-c email eller -c reminder" in result.stderr and f"{other} med -f text" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "recipient", "sender"),
    [
        ("sv", ("Mottagare", "mottagare@invalid"), "avsandare@invalid"),
        ("en", ("Recipient", "recipient@invalid"), "sender@invalid"),
    ],
)
def test_a_contact_who_is_not_official_sends_from_a_placeholder(
    run, write, tmp_path, language, recipient, sender
):
    """The contact's e-mail is left out of public files unless official; the draft
    then names the contact with an address at `invalid`, which no mail reaches, and
    passes the personal-data gate (the placeholders are no one's data)."""
    text = PROJECT.replace("  official: true\n", "  official: false\n")
    text = text.replace("topic: Nära vård\n", f"topic: Nära vård\nlanguage: {language}\n")
    out = tmp_path / "ut"
    result = run("invite", write(text), "-d", "sala", "-c", "email", "-f", "eml", "--out", out)
    assert result.exit_code == 0, result.stderr
    raw = (out / "sala" / "email.eml").read_bytes()
    message = parse_eml(raw)
    assert message.defects == [] and all(not p.defects for p in message.walk())
    (from_,) = message["From"].addresses
    assert (from_.display_name, from_.addr_spec) == ("Kim Kontakt", sender)
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == recipient
    assert b"kontakt@example.se" not in raw


# --- SEQUENCE from one build to the next ---------------------------------------------


def build_files(run, monkeypatch, plans: Path, out: Path, epoch: int) -> dict[str, bytes]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    assert run("build", plans, "--out", out, "--today", "2021-03-01").exit_code == 0
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def sequences(files: dict[str, bytes]) -> dict[str, set[int]]:
    """Each calendar's SEQUENCE values, the drafts' attached calendars included."""
    found = {}
    for name, raw in files.items():
        if name.endswith(".eml"):
            raw = calendar_part(parse_eml(raw)).get_payload(decode=True)
        if name.endswith((".ics", ".eml")):
            found[name] = {int(e["SEQUENCE"]) for e in events(raw).values()}
    return found


@pytest.mark.slow
def test_sequence_rises_with_a_later_build_and_stays_with_the_same(
    run, write, tmp_path, monkeypatch
):
    plans = write(PROJECT, "plans/projekt.yaml").parent
    first = build_files(run, monkeypatch, plans, tmp_path / "a", EPOCH)
    again = build_files(run, monkeypatch, plans, tmp_path / "b", EPOCH)
    later = build_files(run, monkeypatch, plans, tmp_path / "c", EPOCH + 3600)
    assert again == first  # the same moment: the same bytes
    before, after = sequences(first), sequences(later)
    # kalender.ics, per dialogue its .ics and two drafts, and the web page's calendars
    assert len(before) == 10
    assert list(before.values()) == [{sequence_at(EPOCH)}] * 10
    assert list(after.values()) == [{sequence_at(EPOCH) + 60}] * 10  # an hour later


@pytest.mark.slow
def test_sequence_of_the_single_command_follows_the_clock(run, write, tmp_path, monkeypatch):
    plan = write(PROJECT)
    found = []
    for epoch in (EPOCH, EPOCH + 59, EPOCH + 60, 946684800):  # the last: year 2000
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        target = tmp_path / f"{epoch}.ics"
        assert run("timeline", plan, "-f", "ics", "--out", target).exit_code == 0
        (value,) = {int(e["SEQUENCE"]) for e in events(target.read_bytes()).values()}
        found.append(value)
    first = sequence_at(EPOCH)
    assert found == [first, first, first + 1, 0]  # whole minutes, never below 0


# --- the meeting link ----------------------------------------------------------------


def with_practice(status: str = "", registration: bool = True) -> str:
    """PROJECT with one more digital dialogue in Köping, a test dialogue with a link."""
    extra = f"""\
  - id: prov
    municipality: Köping
    format: digital
    test: true
    date: 2021-03-15
    start: "10:00"
    end: "11:00"
    digital:
      platform: Teams
      link: https://teams.example.se/prov
{"      registration_email: anmalan@example.se" if registration else ""}
    members: [bo, cia]
{status}"""
    return PROJECT.replace("costs:\n", extra + "costs:\n", 1)


def test_a_test_dialogue_with_registration_keeps_its_link_out_of_the_calendar(run, write, tmp_path):
    """A dialogue that asks people to register sends them the link: the calendar,
    a public file, shows the platform instead, for a test dialogue (issue 13) as for
    every other (Köping's own)."""
    target = tmp_path / "k.ics"
    assert run("timeline", write(with_practice()), "-f", "ics", "--out", target).exit_code == 0
    raw = target.read_bytes()
    assert b"teams.example.se" not in re.sub(rb"\r?\n[ \t]", b"", raw)
    found = events(raw)
    practice, koping = found["prov.testprojekt@dialogkit"], found["koping.testprojekt@dialogkit"]
    assert "(test)" in str(practice["SUMMARY"])
    assert str(practice["LOCATION"]) == str(koping["LOCATION"]) == "Teams"
    assert "anmalan@example.se" in str(practice["DESCRIPTION"])  # how to register instead


def test_a_link_without_registration_is_the_location(run, write, tmp_path):
    """Only a cancelled dialogue may lack a way to register (DK205): its link, the
    only way in, is its location."""
    text = with_practice("    status: cancelled\n", registration=False)
    target = tmp_path / "k.ics"
    result = run("timeline", write(text), "-f", "ics", "--out", target)
    assert result.exit_code == 0, result.stderr
    event = events(target.read_bytes())["prov.testprojekt@dialogkit"]
    assert str(event["LOCATION"]) == "https://teams.example.se/prov"
