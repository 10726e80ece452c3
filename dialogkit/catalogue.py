"""The catalogue of finding codes: one entry per code that `plan check` or `plan fmt`
can report, with its severity, its name, and in Swedish and English a title, why the
rule exists (from the seeds), an example that trips it and how to fix it.

Rules register against these entries (rules/__init__.py), findings take their
severity from here, and `dialogkit explain`, the README table and the JSON report
show them. Plain data: `plan check` imports it on every run.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import UsageError
from .findings import Finding, Severity, Text

ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE


class Entry(NamedTuple):
    """One code. A named tuple, not a dataclass: `plan check` loads the catalogue on
    every run, and a dataclass costs a millisecond to define."""

    code: str
    severity: Severity
    name: str
    """The rule's English slug, such as `duplicate-id`."""
    title: Text
    why: Text
    example: Text
    """A few lines of plan YAML (or a shell line) that trip the rule."""
    fix: Text


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "DK001",
        ERROR,
        "unreadable-file",
        Text("Filen kan inte läsas som YAML", "The file cannot be read as YAML"),
        Text(
            "Allt annat dialogkit kan säga om en plan förutsätter att filen går att läsa: "
            "en YAML-text i UTF-8, högst 5 MB, med mellanslag (inte tabbar) i indraget. "
            "Ett syntaxfel, en binär eller tom fil eller en fil i en annan teckenkodning "
            "stoppar därför allt annat, och felet visas med rad och kolumn.",
            "Everything else dialogkit can say about a plan needs a readable file: YAML "
            "text in UTF-8, at most 5 MB, indented with spaces (not tabs). A syntax error, "
            "a binary or empty file or another encoding stops everything else, and the "
            "error is shown with its line and column.",
        ),
        Text(
            "kind: dialogue_project\ndialogues:\n\t- id: sala   # tabb i indraget\n",
            "kind: dialogue_project\ndialogues:\n\t- id: sala   # a tab in the indent\n",
        ),
        Text(
            "Rätta raden som felet pekar på: byt tabbar mot mellanslag, stäng citattecken "
            "och hakparenteser, och spara filen som UTF-8.",
            "Correct the line the error points at: replace tabs with spaces, close quotes "
            "and brackets, and save the file as UTF-8.",
        ),
    ),
    Entry(
        "DK003",
        ERROR,
        "duplicate-key",
        Text("Samma nyckel två gånger", "The same key twice"),
        Text(
            "En YAML-läsare behåller tyst den sista av två lika nycklar. Ett datum som står "
            "två gånger betyder att det ena kastas utan att någon märker det, fast båda "
            "syns för den som granskar planen i en merge request.",
            "A YAML reader silently keeps the last of two equal keys. A date written twice "
            "means one of them is thrown away unnoticed, although a reviewer sees both in "
            "the merge request.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n    date: 2021-04-20\n",
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n    date: 2021-04-20\n",
        ),
        Text(
            "Behåll nyckeln en gång, med det värde som gäller.",
            "Keep the key once, with the value that holds.",
        ),
    ),
    Entry(
        "DK004",
        ERROR,
        "unsupported-yaml",
        Text(
            "YAML som planer inte använder: alias, taggar, flera dokument, djup nästling",
            "YAML that plans do not use: aliases, tags, several documents, deep nesting",
        ),
        Text(
            "Planer kommer från kollegor, grenar och delade mappar. Taggar som "
            "!!python/object kan köra kod i andra läsare, alias kan blåsa upp en liten fil "
            "till miljarder värden, ett andra dokument efter --- skulle tyst hoppas över och "
            "djup nästling är alltid ett indragsfel. En plan behöver bara mappningar, "
            "listor, text, tal och datum.",
            "Plans come from colleagues, branches and shared folders. Tags such as "
            "!!python/object can run code in other readers, aliases can blow a small file "
            "up to billions of values, a second document after --- would be skipped "
            "silently, and deep nesting is always an indentation mistake. A plan needs "
            "only mappings, lists, text, numbers and dates.",
        ),
        Text(
            "venue: &sala {name: Sala bibliotek}\ndialogues:\n  - id: sala\n"
            "    venue: *sala   # alias\n",
            "venue: &sala {name: Sala bibliotek}\ndialogues:\n  - id: sala\n"
            "    venue: *sala   # an alias\n",
        ),
        Text(
            "Skriv ut värdet på varje ställe det behövs, ta bort taggen och lägg varje plan "
            "i en egen fil.",
            "Write the value out wherever it is needed, remove the tag, and put each plan "
            "in a file of its own.",
        ),
    ),
    Entry(
        "DK005",
        ERROR,
        "unknown-kind",
        Text("kind: saknas eller är okänd", "kind: is missing or unknown"),
        Text(
            "kind: avgör vad filen ska innehålla och vilka kontroller som gäller: ett "
            "dialogprojekt (dialogue_project, som projektplanen för Nära vård i "
            "Västmanland), en kommunikationsplan (communication_plan, som Lekebergs), en "
            "strategi (strategy) eller en lokal plan (local_plan, som i Dalarnas strategi). "
            "Utan den går filen inte att kontrollera.",
            "kind: decides what the file must hold and which checks apply: a dialogue "
            "project (dialogue_project, like Västmanland's project plan for Nära vård), a "
            "communication plan (communication_plan, like Lekeberg's), a strategy "
            "(strategy) or a local plan (local_plan, as in Dalarna's strategy). Without it "
            "the file cannot be checked.",
        ),
        Text(
            "kind: dialogprojekt   # okänd plantyp\nid: nara-vard\n",
            "kind: dialogprojekt   # an unknown kind\nid: nara-vard\n",
        ),
        Text(
            "Börja filen med kind: och en av dialogue_project, communication_plan, strategy "
            "och local_plan. dialogkit plan new skapar en plan med rätt början.",
            "Start the file with kind: and one of dialogue_project, communication_plan, "
            "strategy and local_plan. dialogkit plan new writes a plan with the right start.",
        ),
    ),
    Entry(
        "DK006",
        NOTE,
        "link-out-of-workspace",
        Text(
            "En symbolisk länk leder ut ur arbetsytan; den läses inte",
            "A symbolic link leads out of the workspace; it is not read",
        ),
        Text(
            "En länk ut ur mappen som kontrolleras kunde få dialogkit att läsa, och i build "
            "publicera, filer som ligger någon annanstans, som någons privata anteckningar. "
            "En kontroll noterar länken och läser den inte; build vägrar.",
            "A link out of the folder being checked could make dialogkit read, and in "
            "build publish, files that live elsewhere, such as someone's private notes. A "
            "check notes the link and does not read it; build refuses it.",
        ),
        Text(
            "# i skalet:\nln -s ~/privat/anteckningar.yaml plans/anteckningar.yaml\n",
            "# in the shell:\nln -s ~/private/notes.yaml plans/notes.yaml\n",
        ),
        Text(
            "Kopiera planen in i arbetsytan, eller kontrollera den där den ligger.",
            "Copy the plan into the workspace, or check it where it lies.",
        ),
    ),
    Entry(
        "DK010",
        ERROR,
        "unknown-key",
        Text("Okänd nyckel", "Unknown key"),
        Text(
            "En felstavad nyckel skulle annars tyst strykas: venu: i stället för venue: "
            "ger en dialog utan lokal, och kraven på tillgänglighet och hörselslinga "
            "kontrolleras aldrig.",
            "A misspelt key would otherwise be dropped silently: venu: instead of venue: "
            "gives a dialogue without a venue, and its accessibility and hearing loop are "
            "never checked.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    venu:   # stavfel\n      name: Sala bibliotek\n",
            "dialogues:\n  - id: sala\n    venu:   # a typo\n      name: Sala bibliotek\n",
        ),
        Text(
            "Rätta stavningen; meddelandet föreslår den närmaste tillåtna nyckeln.",
            "Correct the spelling; the message suggests the closest allowed key.",
        ),
    ),
    Entry(
        "DK011",
        ERROR,
        "missing-field",
        Text("Ett obligatoriskt fält saknas", "A required field is missing"),
        Text(
            "De fält en plan måste ha är de som processen i underlagen kräver. Till exempel "
            "ska varje dialog enligt dialogprocessen ha ett syfte, ange graden av "
            "delaktighet och hur åsikterna tas till vara: dialog skapar förväntningar. Utan "
            "dem kan inbjudan och rapporten inte skrivas.",
            "The fields a plan must have are those the process in the sources requires. "
            "The dialogue process, for one, says every dialogue states its purpose, its "
            "degree of influence and how the views will be used: dialogue raises "
            "expectations. Without them the invitation and the report cannot be written.",
        ),
        Text(
            "kind: dialogue_project\nid: nara-vard\ntitle: Invånardialog Nära vård\n"
            "# purpose: saknas\n",
            "kind: dialogue_project\nid: nara-vard\ntitle: Citizen dialogue\n"
            "# purpose: is missing\n",
        ),
        Text(
            "Lägg till fältet; tipset beskriver vad det ska innehålla.",
            "Add the field; the hint says what it should hold.",
        ),
    ),
    Entry(
        "DK012",
        ERROR,
        "invalid-value",
        Text("Ogiltigt värde", "Invalid value"),
        Text(
            "Ett datum som inte finns, ett klockslag som inte är TT:MM eller ett värde "
            "utanför de tillåtna ska upptäckas när planen skrivs, inte när inbjudan redan "
            "är tryckt.",
            "A date that does not exist, a time that is not HH:MM or a value outside the "
            "allowed ones should be caught when the plan is written, not when the "
            "invitation is already printed.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    date: 2021-02-30   # finns inte\n"
            '    start: "18"        # inte TT:MM\n',
            "dialogues:\n  - id: sala\n    date: 2021-02-30   # does not exist\n"
            '    start: "18"        # not HH:MM\n',
        ),
        Text(
            "Skriv ett tillåtet värde; tipset visar formatet eller alternativen.",
            "Write an allowed value; the hint shows the format or the choices.",
        ),
    ),
    Entry(
        "DK030",
        ERROR,
        "format-changes-data",
        Text("Formateringen skulle ändra data", "Formatting would change the data"),
        Text(
            "plan fmt får bara ändra hur planen ser ut, aldrig vad den säger. Som skydd "
            "läses den formaterade texten igen och jämförs med originalet; skiljer de sig "
            "lämnas filen orörd. Det är ett fel i dialogkit, inte i planen.",
            "plan fmt may only change how a plan looks, never what it says. As a guard the "
            "formatted text is read again and compared with the original; if they differ "
            "the file is left untouched. It is a bug in dialogkit, not in the plan.",
        ),
        Text(
            "# inget känt exempel: varje fall är ett fel i dialogkit\ndialogkit plan fmt plans/\n",
            "# no known example: every case is a bug in dialogkit\ndialogkit plan fmt plans/\n",
        ),
        Text(
            "Rapportera felet med planen bifogad; planen fungerar som den är.",
            "Report the bug with the plan attached; the plan works as it is.",
        ),
    ),
    Entry(
        "DK031",
        NOTE,
        "symlink-not-formatted",
        Text("plan fmt hoppar över en symbolisk länk", "plan fmt skips a symbolic link"),
        Text(
            "Att skriva en formaterad plan genom en länk skulle ersätta länken med en kopia "
            "eller skriva utanför arbetsytan, så länken lämnas som den är.",
            "Writing a formatted plan through a link would replace the link with a copy or "
            "write outside the workspace, so the link is left as it is.",
        ),
        Text(
            "# i skalet:\nln -s ../delad/plan.yaml plans/plan.yaml\ndialogkit plan fmt plans/\n",
            "# in the shell:\nln -s ../shared/plan.yaml plans/plan.yaml\n"
            "dialogkit plan fmt plans/\n",
        ),
        Text(
            "Formatera filen som länken pekar på.",
            "Format the file the link points at.",
        ),
    ),
    Entry(
        "DK032",
        NOTE,
        "not-formatted-without-loss",
        Text(
            "plan fmt lämnar en fil orörd som inte kan formateras utan förlust",
            "plan fmt leaves a file untouched that cannot be formatted without loss",
        ),
        Text(
            "Allt användaren skrivit ska finnas kvar: kommentarer, tomrader, citattecken. "
            "Innan filen skrivs jämförs resultatet med originalet, och formaterar dialogkit "
            "det igen ska inget ändras. Klarar filen inte det, eller är den sparad som "
            "UTF-16, lämnas den som den är och notisen säger varför.",
            "Everything the user wrote must stay: comments, blank lines, quotes. Before the "
            "file is written the result is compared with the original, and formatting it "
            "again must change nothing. A file that fails, or is saved as UTF-16, is left "
            "as it is and the note says why.",
        ),
        Text(
            "period: {\n  start: 2022,   # en kommentar inne i {...}\n  end: 2030\n}\n",
            "period: {\n  start: 2022,   # a comment inside {...}\n  end: 2030\n}\n",
        ),
        Text(
            "Flytta kommentaren till en egen rad, eller låt filen vara; för UTF-16: kör "
            "dialogkit plan fmt --fix.",
            "Move the comment to a line of its own, or leave the file as it is; for "
            "UTF-16: run dialogkit plan fmt --fix.",
        ),
    ),
    Entry(
        "DK033",
        ERROR,
        "changed-during-fmt",
        Text(
            "plan fmt skriver inte över en fil som ändrats under körningen",
            "plan fmt does not overwrite a file that changed during the run",
        ),
        Text(
            "Sparar någon planen i en editor medan plan fmt arbetar, skulle den nya "
            "texten skrivas över. Filen läses därför igen precis innan den ersätts, och "
            "har den ändrats lämnas den orörd. Samma kod används om filen inte går att "
            "skriva alls.",
            "If someone saves the plan in an editor while plan fmt works, the new text "
            "would be overwritten. So the file is read again just before it is replaced, "
            "and if it has changed it is left untouched. The same code is used when the "
            "file cannot be written at all.",
        ),
        Text(
            "# spara planen i editorn medan detta körs:\ndialogkit plan fmt plans/\n",
            "# save the plan in the editor while this runs:\ndialogkit plan fmt plans/\n",
        ),
        Text(
            "Kör dialogkit plan fmt igen när filen är sparad klart.",
            "Run dialogkit plan fmt again once the file is saved.",
        ),
    ),
    Entry(
        "DK201",
        ERROR,
        "too-few-members",
        Text("En dialog har färre än två ledamöter", "A dialogue has fewer than two members"),
        Text(
            "Beredningen enades om att två ledamöter och processledaren deltar vid varje "
            'dialog: "minst två ledamöter är en förutsättning" (projektplanen för Nära '
            "vård). En inställd dialog räknas inte.",
            "The committee agreed that two of its members and the process leader attend "
            'every dialogue: "at least two members are a precondition" (the project '
            "plan for Nära vård). A cancelled dialogue does not count.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    municipality: Sala\n    members: [anna]   # bara en\n",
            "dialogues:\n  - id: sala\n    municipality: Sala\n    members: [anna]   # only one\n",
        ),
        Text(
            "Lägg till en andra ledamots id under members, eller sätt status: cancelled.",
            "Add a second member's id under members, or set status: cancelled.",
        ),
    ),
    Entry(
        "DK202",
        WARNING,
        "no-local-member",
        Text(
            "Ingen deltagande ledamot har anknytning till dialogens kommun",
            "No attending member has ties to the dialogue's municipality",
        ),
        Text(
            '"I den mån det går deltar ledamot med anknytning till respektive kommun", och '
            "ledamöternas lokalkännedom om sina hemkommuner ska tas tillvara "
            "(projektplanen för Nära vård). Det är en varning, inte ett fel: i den mån det "
            "går. Testdialoger undantas.",
            '"As far as possible a member with ties to the municipality attends", and the '
            "members' local knowledge of their home municipalities should be used (the "
            "project plan for Nära vård). It is a warning, not an error: as far as "
            "possible. Test dialogues are exempt.",
        ),
        Text(
            "members:\n  - {id: anna, name: Anna A, municipality: Västerås}\n"
            "  - {id: bo, name: Bo B, municipality: Köping}\n"
            "dialogues:\n  - id: sala\n    municipality: Sala\n    members: [anna, bo]\n",
            "members:\n  - {id: anna, name: Anna A, municipality: Västerås}\n"
            "  - {id: bo, name: Bo B, municipality: Köping}\n"
            "dialogues:\n  - id: sala\n    municipality: Sala\n    members: [anna, bo]\n",
        ),
        Text(
            "Låt om möjligt en ledamot från kommunen delta, t.ex. members: [anna, sala].",
            "If possible let a member from the municipality attend, e.g. members: [anna, sala].",
        ),
    ),
    Entry(
        "DK203",
        ERROR,
        "municipality-not-covered",
        Text(
            "En kommun som ska ha en dialog saknar dialog",
            "A municipality that should have a dialogue has none",
        ),
        Text(
            '"Ambitionen är att genomföra dialoger i länets alla kommuner" – tio tillfällen '
            "våren 2021 (projektplanen för Nära vård). Varje kommun i municipalities ska "
            "ha en riktig dialog som inte är inställd.",
            '"The ambition is to hold dialogues in all the county\'s municipalities" – ten '
            "occasions in spring 2021 (the project plan for Nära vård). Every municipality "
            "in municipalities needs a real dialogue that is not cancelled.",
        ),
        Text(
            "municipalities: [Sala, Köping, Arboga]\ndialogues:\n  - id: sala\n"
            "    municipality: Sala\n  - id: koping\n"
            "    municipality: Köping   # ingen dialog i Arboga\n",
            "municipalities: [Sala, Köping, Arboga]\ndialogues:\n  - id: sala\n"
            "    municipality: Sala\n  - id: koping\n"
            "    municipality: Köping   # no dialogue in Arboga\n",
        ),
        Text(
            "Lägg till en dialog för kommunen, eller ta bort den ur municipalities.",
            "Add a dialogue for the municipality, or remove it from municipalities.",
        ),
    ),
    Entry(
        "DK204",
        ERROR,
        "venue-not-accessible",
        Text(
            "En fysisk dialog saknar lokal, eller lokalen är inte tillgänglighetsanpassad "
            "eller saknar hörselslinga",
            "An in-person dialogue has no venue, or the venue is not accessible or has no "
            "hearing loop",
        ),
        Text(
            '"Det är viktigt att lokalerna är tillgänglighetsanpassade och har tekniska '
            'hjälpmedel, som t.ex. hörselslinga" (projektplanen för Nära vård). En dialog '
            "som alla invånare ska kunna delta i kan inte hållas där alla inte kommer in "
            "eller hör.",
            '"It is important that the venues are accessible and have technical aids, '
            'such as a hearing loop" (the project plan for Nära vård). A dialogue every '
            "resident should be able to join cannot be held where not everyone gets in or "
            "can hear.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    format: in_person\n    venue:\n"
            "      name: Sala bibliotek\n      accessible: true\n      hearing_loop: false\n",
            "dialogues:\n  - id: sala\n    format: in_person\n    venue:\n"
            "      name: Sala library\n      accessible: true\n      hearing_loop: false\n",
        ),
        Text(
            "Välj en lokal som är tillgänglighetsanpassad och har hörselslinga, och skriv "
            "accessible: true och hearing_loop: true när det är kontrollerat.",
            "Choose a venue that is accessible and has a hearing loop, and write "
            "accessible: true and hearing_loop: true once that is confirmed.",
        ),
    ),
    Entry(
        "DK205",
        ERROR,
        "digital-without-registration",
        Text(
            "En digital dialog saknar möteslänk eller sätt att anmäla sig",
            "A digital dialogue has no meeting link or way to register",
        ),
        Text(
            'Digitala dialoger hålls via Teams, "dit deltagare får anmäla intresse '
            '(e-postadress krävs)" (projektplanen för Nära vård). Utan länk och anmälan '
            "kan ingen delta, och inbjudan har inget att säga.",
            'Digital dialogues run on Teams, "where participants register their interest '
            '(an e-mail address is required)" (the project plan for Nära vård). Without a '
            "link and a way to register nobody can join, and the invitation has nothing "
            "to say.",
        ),
        Text(
            "dialogues:\n  - id: sala-digital\n    format: digital\n    digital:\n"
            "      platform: Teams\n      link: https://teams.example.se/sala\n"
            "      # registration_email saknas\n",
            "dialogues:\n  - id: sala-digital\n    format: digital\n    digital:\n"
            "      platform: Teams\n      link: https://teams.example.se/sala\n"
            "      # no registration_email\n",
        ),
        Text(
            "Lägg till digital.link och digital.registration_email (eller registration_url).",
            "Add digital.link and digital.registration_email (or registration_url).",
        ),
    ),
    Entry(
        "DK206",
        ERROR,
        "end-before-start",
        Text("Något slutar innan det börjar", "Something ends before it starts"),
        Text(
            "En dialog, en uppgift i tidsaxeln, en aktivitet eller en plans period som "
            "slutar innan den börjar är ett skrivfel, och tidsaxeln, arbetsbelastningen "
            "och inbjudningarna blir fel.",
            "A dialogue, a timeline task, an activity or a plan's period that ends before "
            "it starts is a typo, and the timeline, the workload and the invitations come "
            "out wrong.",
        ),
        Text(
            'dialogues:\n  - id: sala\n    start: "18:00"\n    end: "17:00"\n',
            'dialogues:\n  - id: sala\n    start: "18:00"\n    end: "17:00"\n',
        ),
        Text(
            "Rätta start- eller sluttiden (eller perioden, t.ex. when: 2021-03..2021-05).",
            "Correct the start or end (or the period, e.g. when: 2021-03..2021-05).",
        ),
    ),
    Entry(
        "DK207",
        WARNING,
        "time-of-day",
        Text(
            "En dialog är inte på kvällen, eller en testdialog är inte på dagtid",
            "A dialogue is not in the evening, or a test dialogue is not in the daytime",
        ),
        Text(
            '"Testdialoger dagtid. Dialogerna genomförs kvällstid" (projektplanen för Nära '
            "vård): kvällstid kan de som arbetar komma, och testerna görs när "
            "processledare och teknik finns på plats. Kväll räknas från kl. 17.00.",
            '"Test dialogues in the daytime. The dialogues are held in the evening" (the '
            "project plan for Nära vård): in the evening people who work can come, and the "
            "tests are run when process leaders and technicians are at hand. Evening "
            "counts from 17:00.",
        ),
        Text(
            'dialogues:\n  - id: sala\n    test: false\n    start: "14:00"   # dagtid\n',
            'dialogues:\n  - id: sala\n    test: false\n    start: "14:00"   # daytime\n',
        ),
        Text(
            "Börja kl. 17.00 eller senare, eller skriv test: true för en testdialog.",
            "Start at 17:00 or later, or write test: true for a test dialogue.",
        ),
    ),
    Entry(
        "DK208",
        WARNING,
        "holiday-or-weekend",
        Text(
            "En dialog ligger på en helgdag eller en helg",
            "A dialogue falls on a public holiday or a weekend",
        ),
        Text(
            "Dialogerna hålls vardagskvällar; våren har påsk, första maj, Kristi "
            "himmelsfärd och nationaldagen. På en helgdag, midsommarafton, julafton eller "
            "en helg kommer färre, och lokal och personal är svårare att få.",
            "The dialogues are held on weekday evenings; spring has Easter, May Day, "
            "Ascension Day and the national day. On a public holiday, Midsummer Eve, "
            "Christmas Eve or a weekend fewer people come, and venue and staff are harder "
            "to get.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    date: 2021-05-13   # Kristi himmelsfärdsdag\n",
            "dialogues:\n  - id: sala\n    date: 2021-05-13   # Ascension Day\n",
        ),
        Text("Välj en vardag.", "Choose a weekday."),
    ),
    Entry(
        "DK209",
        ERROR,
        "after-report-due",
        Text(
            "En dialog ligger efter sista dag för rapporten",
            "A dialogue falls after the report is due",
        ),
        Text(
            "När dialogperioden passerat sammanställer beredningen och processledaren "
            "materialet i en rapport till regionstyrelsen (dialoger april–maj, "
            "sammanställning juni, rapport augusti). En dialog efter sista dagen kommer "
            "inte med i rapporten.",
            "When the dialogue period is over the committee and the process leader compile "
            "the material into a report to the regional board (dialogues April–May, "
            "compilation June, report August). A dialogue after the due date misses the "
            "report.",
        ),
        Text(
            "reporting:\n  due: 2021-08-31\ndialogues:\n  - id: sala\n    date: 2021-09-07\n",
            "reporting:\n  due: 2021-08-31\ndialogues:\n  - id: sala\n    date: 2021-09-07\n",
        ),
        Text(
            "Flytta dialogen före reporting.due, eller flytta sista dagen.",
            "Move the dialogue before reporting.due, or move the due date.",
        ),
    ),
    Entry(
        "DK210",
        ERROR,
        "registration-after-dialogue",
        Text(
            "Sista anmälningsdag ligger efter dialogen",
            "The registration deadline is after the dialogue",
        ),
        Text(
            "Deltagarna anmäler sig för att få möteslänken; en sista anmälningsdag efter "
            "dialogen går inte att följa och står fel i inbjudan.",
            "Participants register to get the meeting link; a deadline after the dialogue "
            "cannot be followed and is wrong in the invitation.",
        ),
        Text(
            "dialogues:\n  - id: koping\n    date: 2021-04-15\n    digital:\n"
            "      registration_deadline: 2021-04-20\n",
            "dialogues:\n  - id: koping\n    date: 2021-04-15\n    digital:\n"
            "      registration_deadline: 2021-04-20\n",
        ),
        Text(
            "Sätt sista anmälningsdag före eller på dialogens dag.",
            "Set the registration deadline on or before the dialogue's date.",
        ),
    ),
    Entry(
        "DK211",
        WARNING,
        "over-budget",
        Text(
            "Den beräknade kostnaden överstiger budgeten",
            "The estimated cost exceeds the budget",
        ),
        Text(
            "Projektplanen uppskattar 9 000 kr per dialog (arvoden, resor, förtäring och "
            "lokal) och 20 000 kr för kommunikation och marknadsföring, och "
            "regionstyrelsen beslutar om upplägget. En kalkyl över budgeten behöver ett "
            "nytt beslut; det är en varning eftersom budgeten kan höjas.",
            "The project plan estimates 9 000 kr per dialogue (fees, travel, refreshments "
            "and venue) and 20 000 kr for communication and marketing, and the regional "
            "board decides on the plan. An estimate over budget needs a new decision; it is "
            "a warning because the budget can be raised.",
        ),
        Text(
            "costs:\n  per_dialogue:\n    in_person: {fees: 4000, travel: 2000, "
            "refreshments: 1500, venue: 1500}\n"
            "  one_off:\n    - {item: Marknadsföring, amount: 20000}\n"
            "  budget: 25000   # en dialog och marknadsföringen: 29 000 kr\n",
            "costs:\n  per_dialogue:\n    in_person: {fees: 4000, travel: 2000, "
            "refreshments: 1500, venue: 1500}\n"
            "  one_off:\n    - {item: Marketing, amount: 20000}\n"
            "  budget: 25000   # one dialogue and the marketing: 29 000 kr\n",
        ),
        Text(
            "Minska kostnaderna eller höj budgeten; dialogkit cost visar kalkylen.",
            "Reduce the costs or raise the budget; dialogkit cost shows the estimate.",
        ),
    ),
    Entry(
        "DK212",
        ERROR,
        "cost-missing",
        Text(
            "Ett format som används saknar kostnad per dialog",
            "A format in use has no cost per dialogue",
        ),
        Text(
            "Kalkylen räknar varje dialog med vad dess format kostar. Saknas formatet i "
            "costs.per_dialogue skulle dialogerna räknas som gratis och kalkylen se bättre "
            "ut än den är.",
            "The estimate counts each dialogue at what its format costs. A format missing "
            "from costs.per_dialogue would make those dialogues free and the estimate look "
            "better than it is.",
        ),
        Text(
            "costs:\n  per_dialogue:\n    in_person: {fees: 4000}\n    digital: {fees: 4000}\n"
            "dialogues:\n  - id: sala\n    format: hybrid   # ingen kostnad för hybrid\n",
            "costs:\n  per_dialogue:\n    in_person: {fees: 4000}\n    digital: {fees: 4000}\n"
            "dialogues:\n  - id: sala\n    format: hybrid   # no cost for hybrid\n",
        ),
        Text(
            "Lägg till formatet under costs.per_dialogue med fees, travel, refreshments och venue.",
            "Add the format under costs.per_dialogue with fees, travel, refreshments and venue.",
        ),
    ),
    Entry(
        "DK214",
        ERROR,
        "no-responsible",
        Text(
            "En uppgift eller aktivitet saknar ansvarig",
            "A task or activity has no one responsible",
        ),
        Text(
            "Projektplanen anger moment, roller och tidpunkter; kommunikationsplanen har en "
            'kolumn för ansvarig och den lokala planen frågar "Av vem?" för varje '
            "aktivitet. En uppgift utan ansvarig blir sällan gjord. Inställda uppgifter "
            "undantas.",
            "The project plan sets out steps, roles and times; the communication plan has a "
            'column for who is responsible, and the local plan asks "By whom?" for every '
            "activity. A task without anyone responsible seldom gets done. Cancelled tasks "
            "are exempt.",
        ),
        Text(
            "timeline:\n  - task: Boka lokaler\n    when: 2021-02\n    # responsible: saknas\n",
            "timeline:\n  - task: Book venues\n    when: 2021-02\n    # responsible: is missing\n",
        ),
        Text(
            "Lägg till responsible: (by_whom: i en lokal plan) med en person eller roll.",
            "Add responsible: (by_whom: in a local plan) with a person or role.",
        ),
    ),
    Entry(
        "DK215",
        ERROR,
        "target-group-incomplete",
        Text(
            "En målgrupp saknar vad den ska veta, känna eller göra",
            "A target group lacks what it should know, feel or do",
        ),
        Text(
            'Kommunikationsplanen frågar för varje målgrupp: "Vad ska målgruppen '
            'veta/känna/göra?". Kommunikationsmålen är de tre svaren; saknas ett går det '
            "inte att välja budskap och aktiviteter eller följa upp dem.",
            'The communication plan asks for every target group: "What should the group '
            'know, feel and do?". The three answers are the communication goals; without '
            "one, messages and activities cannot be chosen or followed up.",
        ),
        Text(
            "target_groups:\n  - id: hr\n    name: HR-avdelningen\n"
            "    know: Vad Nära vård innebär.\n    feel:   # tomt\n"
            "    do: Bidra till kompetensförsörjningen.\n",
            "target_groups:\n  - id: hr\n    name: HR department\n"
            "    know: What Nära vård means.\n    feel:   # empty\n"
            "    do: Help secure the skills supply.\n",
        ),
        Text("Lägg till know:, feel: och do: för målgruppen.", "Add know:, feel: and do:."),
    ),
    Entry(
        "DK216",
        ERROR,
        "unknown-sub-goal",
        Text(
            "En lokal plan hänvisar till ett delmål som strategin inte har",
            "A local plan refers to a sub-goal the strategy does not have",
        ),
        Text(
            "Dalarnas strategi har fem delmål; den lokala planens aktiviteter, nyckeltal "
            "och självskattning knyts till dem och den regionala årsrapporten "
            "sammanställer per delmål. Ett delmål som inte finns faller bort ur "
            "sammanställningen.",
            "Dalarna's strategy has five sub-goals; a local plan's activities, key figures "
            "and self-assessment are tied to them, and the regional yearly report compiles "
            "per sub-goal. A sub-goal that does not exist drops out of the compilation.",
        ),
        Text(
            "activities:\n  - id: sip\n    sub_goals: [1, 6]   # strategin har 1–5\n",
            "activities:\n  - id: sip\n    sub_goals: [1, 6]   # the strategy has 1–5\n",
        ),
        Text(
            "Använd ett av strategins delmål; meddelandet räknar upp dem.",
            "Use one of the strategy's sub-goals; the message lists them.",
        ),
    ),
    Entry(
        "DK217",
        ERROR,
        "duplicate-id",
        Text(
            "Två poster (eller två planer) har samma id",
            "Two items (or two plans) have the same id",
        ),
        Text(
            "Id:n blir fil- och mappnamn (en inbjudan per dialog, en mapp per plan i build) "
            "och hänvisningar (members: [anna]). Två lika id skulle skriva över varandras "
            "filer och göra hänvisningarna tvetydiga. Stora och små bokstäver räknas som "
            "samma, eftersom Windows och macOS tar Sala och sala för samma namn.",
            "Ids become file and folder names (an invitation per dialogue, a folder per "
            "plan in build) and references (members: [anna]). Two equal ids would "
            "overwrite each other's files and make references ambiguous. Upper and lower "
            "case count as the same, since Windows and macOS take Sala and sala for the "
            "same name.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n  - id: Sala   # samma id\n"
            "    date: 2021-05-04\n",
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n  - id: Sala   # the same id\n"
            "    date: 2021-05-04\n",
        ),
        Text(
            "Ge varje post och varje plan ett eget id, t.ex. sala-2.",
            "Give every item and every plan an id of its own, e.g. sala-2.",
        ),
    ),
    Entry(
        "DK218",
        ERROR,
        "unknown-member",
        Text("En dialog hänvisar till en okänd ledamot", "A dialogue refers to an unknown member"),
        Text(
            "Dialogens members räknas mot kravet på två ledamöter och anknytning till "
            "kommunen, och namnen står i inbjudan. Ett id som inte finns under members är "
            "oftast ett stavfel och gör allt det fel.",
            "A dialogue's members count towards the two-member rule and the local tie, and "
            "their names appear in the invitation. An id that is not under members is "
            "usually a typo and makes all of that wrong.",
        ),
        Text(
            "members:\n  - {id: anna, name: Anna A, municipality: Sala}\n"
            "dialogues:\n  - id: sala\n    members: [anna, berit]   # berit finns inte\n",
            "members:\n  - {id: anna, name: Anna A, municipality: Sala}\n"
            "dialogues:\n  - id: sala\n    members: [anna, berit]   # no berit\n",
        ),
        Text(
            "Använd ett id från members, eller lägg till ledamoten där.",
            "Use an id from members, or add the member there.",
        ),
    ),
    Entry(
        "DK219",
        ERROR,
        "unknown-strategy",
        Text(
            "En lokal plan hänvisar till en strategi som inte finns",
            "A local plan refers to a strategy that does not exist",
        ),
        Text(
            "Varje kommun gör sin lokala plan utifrån länets strategi, och delmålen kommer "
            "därifrån (Dalarnas strategi 2022–2030). Utan strategin bland planerna går "
            "hänvisningarna till delmål inte att kontrollera.",
            "Each municipality makes its local plan from the county's strategy, and the "
            "sub-goals come from it (Dalarna's strategy 2022–2030). Without the strategy "
            "among the plans the references to sub-goals cannot be checked.",
        ),
        Text(
            "kind: local_plan\nid: leksand-lokal-plan\nstrategy: dalarna-strategi   # ingen "
            "sådan plan\n",
            "kind: local_plan\nid: leksand-lokal-plan\nstrategy: dalarna-strategi   # no such "
            "plan\n",
        ),
        Text(
            "Lägg strategifilen i samma arbetsyta, eller rätta id:t i strategy:.",
            "Put the strategy file in the same workspace, or correct the id in strategy:.",
        ),
    ),
    Entry(
        "DK220",
        ERROR,
        "unknown-target-group",
        Text(
            "En aktivitet hänvisar till en okänd målgrupp",
            "An activity refers to an unknown target group",
        ),
        Text(
            "Kommunikationsplanens aktiviteter riktar sig till målgrupperna och deras "
            "veta/känna/göra. En hänvisning till en målgrupp som inte finns är ett stavfel "
            "som lämnar målgruppen utan aktiviteter.",
            "The communication plan's activities address its target groups and their "
            "know/feel/do. A reference to a group that does not exist is a typo that "
            "leaves the group without activities.",
        ),
        Text(
            "target_groups:\n  - id: hr\nactivities:\n  - id: intranat\n"
            "    target_groups: [personal]   # finns inte\n",
            "target_groups:\n  - id: hr\nactivities:\n  - id: intranet\n"
            "    target_groups: [staff]   # does not exist\n",
        ),
        Text("Använd ett id från target_groups.", "Use an id from target_groups."),
    ),
    Entry(
        "DK221",
        WARNING,
        "unlisted-municipality",
        Text(
            "En dialog gäller en kommun som inte står i municipalities",
            "A dialogue is in a municipality that is not in municipalities",
        ),
        Text(
            "Projektet räknar upp kommunerna som ska ha dialog. En dialog i en kommun "
            "utanför listan är oftast en felstavning, som samtidigt lämnar den rätta "
            "kommunen utan dialog.",
            "The project lists the municipalities that get a dialogue. A dialogue in a "
            "municipality outside the list is usually a misspelling, which also leaves the "
            "right municipality without a dialogue.",
        ),
        Text(
            "municipalities: [Köping]\ndialogues:\n  - id: koping\n"
            "    municipality: Koping   # stavfel\n",
            "municipalities: [Köping]\ndialogues:\n  - id: koping\n"
            "    municipality: Koping   # a typo\n",
        ),
        Text(
            "Rätta stavningen, eller lägg till kommunen i municipalities.",
            "Correct the spelling, or add the municipality to municipalities.",
        ),
    ),
    Entry(
        "DK222",
        WARNING,
        "personal-data-published",
        Text(
            "Ett fält som publiceras innehåller personuppgifter",
            "A published field holds personal data",
        ),
        Text(
            "En myndighet får inte publicera en privatpersons personnummer eller "
            "kontaktuppgifter på sin webbplats. En tjänstepersons arbetstelefon och e-post "
            "får publiceras, och dokumentationen har en offentlig del och en intern "
            "(dialogguiden). Kontakter utan official: true och personnummer i fält som "
            "publiceras lämnas därför utanför de offentliga filerna.",
            "A public body may not publish a private person's personal identity number or "
            "contact details on its website. A civil servant's work phone and e-mail may "
            "be published, and the documentation has a public part and an internal one "
            "(the dialogue guide). Contacts without official: true and identity numbers in "
            "published fields are therefore kept out of the public files.",
        ),
        Text(
            "process_leader:\n  name: Pia Processledare\n"
            "  phone: 070-123 45 67   # official: true saknas\n",
            "process_leader:\n  name: Pia Process Leader\n"
            "  phone: 070-123 45 67   # no official: true\n",
        ),
        Text(
            "Skriv official: true om det är en tjänstepersons arbetsuppgifter; annars ta "
            "bort uppgiften, eller flytta anteckningen till internal_notes.",
            "Write official: true if they are a civil servant's work details; otherwise "
            "remove them, or move the note to internal_notes.",
        ),
    ),
    Entry(
        "DK223",
        WARNING,
        "block-unused-by-format",
        Text(
            "En dialog har ett block som dess format inte använder",
            "A dialogue has a block its format does not use",
        ),
        Text(
            "Projektplanen för Nära vård väger fysiska dialoger mot digitala via Teams, "
            '"dit deltagare får anmäla intresse (e-postadress krävs)". Formatet avgör vad '
            "inbjudan säger: en fysisk dialog får ingen möteslänk och ingen anmälan till "
            "Teams, en digital dialog ingen lokal, fika eller föranmälan till lokalen. Ett "
            "block som formatet inte använder lämnas därför utanför inbjudningar och "
            "kalender, fast den som läser planen tror att det kommer med.",
            "The project plan for Nära vård weighs in-person dialogues against digital ones "
            'on Teams, "where participants register their interest (an e-mail address is '
            'required)". The format decides what the invitation says: an in-person dialogue '
            "gets no meeting link and no Teams registration, a digital one no venue, "
            "refreshments or registration for a venue. A block the format does not use is "
            "therefore left out of the invitations and the calendar, while whoever reads the "
            "plan believes it is in them.",
        ),
        Text(
            "dialogues:\n  - id: sala\n    format: in_person\n    digital:   # används inte\n"
            "      platform: Teams\n      link: https://teams.example.se/sala\n",
            "dialogues:\n  - id: sala\n    format: in_person\n    digital:   # not used\n"
            "      platform: Teams\n      link: https://teams.example.se/sala\n",
        ),
        Text(
            "Skriv format: hybrid om man kan delta både på plats och digitalt; annars ta bort "
            "blocket som formatet inte använder.",
            "Write format: hybrid if people can take part both at the venue and online; "
            "otherwise remove the block the format does not use.",
        ),
    ),
    Entry(
        "DK224",
        ERROR,
        "score-outside-scale",
        Text(
            "En poäng i självskattningen ligger utanför planens skala",
            "A self-assessment score lies outside the plan's scale",
        ),
        Text(
            "Dalarnas strategi följer omställningen med en självskattning: påståenden som "
            "ger verksamheten poäng och jämförs år för år. Rapporten säger vilken skala "
            "poängen ges på (1–5 om planen inte anger en annan) och räknar totalen mot "
            "högsta möjliga poäng; en nolla eller en sjua på en femgradig skala ger summor "
            "och förändringar som inte går att jämföra.",
            "Dalarna's strategy follows the change with a self-assessment: statements that "
            "give the organisation points, compared year by year. The report states the "
            "scale the points are given on (1–5 unless the plan declares another) and "
            "counts the total against the highest possible; a zero or a seven on a "
            "five-point scale gives sums and changes that cannot be compared.",
        ),
        Text(
            "self_assessment:\n  - id: samverkan\n    sub_goal: 1\n"
            "    scores: {2022: 3, 2023: 7}   # skalan är 1–5\n",
            "self_assessment:\n  - id: samverkan\n    sub_goal: 1\n"
            "    scores: {2022: 3, 2023: 7}   # the scale is 1–5\n",
        ),
        Text(
            "Rätta poängen, eller ange skalan ni använder: self_assessment_scale: "
            "{min: 0, max: 10}.",
            "Correct the score, or declare the scale you use: self_assessment_scale: "
            "{min: 0, max: 10}.",
        ),
    ),
    Entry(
        "DK225",
        WARNING,
        "missing-score",
        Text(
            "Ett påstående i självskattningen saknar poäng för ett år",
            "A self-assessment statement has no score for a year",
        ),
        Text(
            "Självskattningen jämförs år för år. Ett år utan poäng är inte en nolla: "
            'rapporten visar "saknas" och räknar förändringen bara där båda åren har '
            "poäng. Ofta har poängen bara glömts bort; varningen säger vilket påstående "
            "och vilket år.",
            "The self-assessment is compared year by year. A year without a score is not a "
            'zero: the report shows "missing" and computes a change only where both '
            "years have a score. Often the score was simply forgotten; the warning names "
            "the statement and the year.",
        ),
        Text(
            "self_assessment:\n  - {id: a, sub_goal: 1, scores: {2022: 2, 2023: 3}}\n"
            "  - {id: b, sub_goal: 1, scores: {2023: 4}}   # 2022 saknas\n",
            "self_assessment:\n  - {id: a, sub_goal: 1, scores: {2022: 2, 2023: 3}}\n"
            "  - {id: b, sub_goal: 1, scores: {2023: 4}}   # 2022 missing\n",
        ),
        Text(
            "Lägg till årets poäng i scores. Är påståendet nytt i år kan varningen stå kvar.",
            "Add the year's score to scores. If the statement is new this year, the warning "
            "can stay.",
        ),
    ),
    Entry(
        "DK226",
        WARNING,
        "documentation-overdue",
        Text(
            "En genomförd dialog saknar dokumentation",
            "A held dialogue has no documentation",
        ),
        Text(
            "Dokumentationen görs i samband med och efter varje dialog (seed 000 och 002): "
            "det som inte skrivs ner inom ett par veckor minns ingen, och rapporten och "
            "återkopplingen bygger på den. Varningen kommer när dialogen är genomförd men "
            "varken outcome.public_notes eller outcome.follow_up finns "
            "deadlines.documentation_days dagar efter den (14 om inget anges). Den gäller "
            "tills rapporten ska vara klar; testdialoger räknas inte.",
            "Documentation is done at and after each dialogue (seeds 000 and 002): what is "
            "not written down within a couple of weeks nobody remembers, and the report and "
            "the feedback are built on it. The warning comes when a dialogue is held but has "
            "neither outcome.public_notes nor outcome.follow_up deadlines.documentation_days "
            "days after it (14 unless given). It applies until the report is due; test "
            "dialogues do not count.",
        ),
        Text(
            "reporting: {due: 2099-12-31}   # projektet pågår\n"
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n"
            "    status: held   # men ingen outcome\n",
            "reporting: {due: 2099-12-31}   # the project is under way\n"
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n"
            "    status: held   # but no outcome\n",
        ),
        Text(
            "Skriv dokumentationen under outcome: public_notes (det som får publiceras) "
            "och follow_up (uppföljningsfrågorna), t.ex. med dialogkit record.",
            "Write the documentation under outcome: public_notes (what may be published) "
            "and follow_up (the follow-up questions), e.g. with dialogkit record.",
        ),
    ),
    Entry(
        "DK227",
        WARNING,
        "feedback-overdue",
        Text(
            "Deltagarna i en genomförd dialog har inte fått återkoppling",
            "The participants of a held dialogue have had no feedback",
        ),
        Text(
            "Deltagare och allmänhet ska erbjudas fortlöpande återkoppling (seed 001): den "
            "som gett sina synpunkter ska få veta vad som hände med dem. Varningen kommer "
            "när en genomförd dialog saknar återkoppling till deltagarna (outcome.feedback "
            "med audience: participants) deadlines.feedback_days dagar efter den (30 om "
            "inget anges). Den gäller tills rapporten ska vara klar, som själv är den sista "
            "återkopplingen; testdialoger räknas inte.",
            "Participants and the public are to be offered feedback continuously (seed "
            "001): whoever gave their views should learn what became of them. The warning "
            "comes when a held dialogue has no feedback to its participants "
            "(outcome.feedback with audience: participants) deadlines.feedback_days days "
            "after it (30 unless given). It applies until the report is due, itself the "
            "last feedback; test dialogues do not count.",
        ),
        Text(
            "reporting: {due: 2099-12-31}   # projektet pågår\n"
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n    status: held\n"
            "    outcome:\n      public_notes: Kontinuitet var viktigast.\n"
            "      # ingen feedback till deltagarna\n",
            "reporting: {due: 2099-12-31}   # the project is under way\n"
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n    status: held\n"
            "    outcome:\n      public_notes: Continuity mattered most.\n"
            "      # no feedback to the participants\n",
        ),
        Text(
            "Ge deltagarna återkoppling (dialogkit feedback skriver texten) och skriv in "
            "den under outcome.feedback med date, audience: participants och description.",
            "Give the participants feedback (dialogkit feedback writes the text) and enter "
            "it under outcome.feedback with date, audience: participants and description.",
        ),
    ),
    Entry(
        "DK228",
        WARNING,
        "theme-without-response",
        Text(
            "Ett tema saknar svar när rapporten ska vara klar",
            "A theme has no response when the report is due",
        ),
        Text(
            '"Ni sa – vi gör": varje tema som invånarna lyfte ska ha ett svar om vad som '
            "händer med det, vem som beslutar och när. När rapporten ska vara klar "
            "(reporting.due) varnar regeln för varje tema i dialogernas outcome.themes som "
            "inget svar under responses har samma ord för (stora och små bokstäver räknas "
            "lika).",
            '"You said – we do": every theme residents raised needs a response saying what '
            "happens with it, who decides and when. From the day the report is due "
            "(reporting.due) the rule warns about every theme in the dialogues' "
            "outcome.themes that no response under responses names with the same words "
            "(capital and small letters count the same).",
        ),
        Text(
            "dialogues:\n  - id: sala\n    status: held\n"
            "    outcome: {themes: [Kontinuitet]}\n"
            "responses: []   # rapporten skulle vara klar 2021-08-31\n",
            "dialogues:\n  - id: sala\n    status: held\n"
            "    outcome: {themes: [Continuity]}\n"
            "responses: []   # the report was due 2021-08-31\n",
        ),
        Text(
            "Lägg till ett svar under responses med theme (samma ord), response, decided_by, "
            "due och state; för ett tema som inte går vidare: state: declined och reason.",
            "Add a response under responses with theme (the same words), response, "
            "decided_by, due and state; for a theme not taken forward: state: declined and "
            "reason.",
        ),
    ),
    Entry(
        "DK229",
        WARNING,
        "status-contradicts-date",
        Text(
            "Dialogens status stämmer inte med datumet",
            "The dialogue's status does not match its date",
        ),
        Text(
            "Status styr vad dialogkit gör: en planerad dialog får inbjudningar och står i "
            "dialogkit status som att hålla, en genomförd väntar på dokumentation och "
            "återkoppling. En dialog som är genomförd fast datumet inte har kommit, eller "
            "planerad eller bokad fast datumet har passerat, har en status som ingen har "
            "hunnit ändra. Det senare gäller tills rapporten ska vara klar.",
            "The status decides what dialogkit does: a planned dialogue gets invitations and "
            "is listed by dialogkit status as to be held, a held one waits for documentation "
            "and feedback. A dialogue that is held though its date has not come, or planned "
            "or booked though its date has passed, has a status nobody has updated. The "
            "latter applies until the report is due.",
        ),
        Text(
            "reporting: {due: 2099-12-31}   # projektet pågår\n"
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n"
            "    status: planned   # datumet har passerat\n",
            "reporting: {due: 2099-12-31}   # the project is under way\n"
            "dialogues:\n  - id: sala\n    date: 2021-04-13\n"
            "    status: planned   # the date has passed\n",
        ),
        Text(
            "Skriv status: held för en genomförd dialog (dialogkit record), cancelled för en "
            "inställd, eller rätta datumet.",
            "Write status: held for a dialogue that took place (dialogkit record), cancelled "
            "for one called off, or correct the date.",
        ),
    ),
    Entry(
        "DK230",
        WARNING,
        "registration-closed-while-planned",
        Text(
            "Anmälan har stängt men dialogen är bara planerad",
            "Registration has closed but the dialogue is only planned",
        ),
        Text(
            "När sista anmälningsdag har passerat har invånare anmält sig och väntar på "
            "mötet: lokalen, tiden och länken ska vara bokade. En dialog som då fortfarande "
            "har status planned är antingen bokad utan att planen säger det, eller inte "
            "bokad alls. Regeln gäller tills rapporten ska vara klar.",
            "Once the registration deadline has passed, residents have signed up and expect "
            "the meeting: the venue, the time and the link should be booked. A dialogue "
            "still with status planned then is either booked without the plan saying so, or "
            "not booked at all. The rule applies until the report is due.",
        ),
        Text(
            "reporting: {due: 2099-12-31}   # projektet pågår\n"
            "dialogues:\n  - id: koping\n    digital:\n"
            "      registration_deadline: 2021-04-12   # har passerat\n"
            "    status: planned\n",
            "reporting: {due: 2099-12-31}   # the project is under way\n"
            "dialogues:\n  - id: koping\n    digital:\n"
            "      registration_deadline: 2021-04-12   # has passed\n"
            "    status: planned\n",
        ),
        Text(
            "Skriv status: booked när lokal, tid och länk är bokade (eller held, cancelled).",
            "Write status: booked once the venue, time and link are booked (or held, cancelled).",
        ),
    ),
    # --- the implementation plan (DK231–DK235) ---
    Entry(
        "DK231",
        ERROR,
        "unknown-project",
        Text(
            "Ett område i genomförandeplanen hänvisar till ett dialogprojekt som inte finns",
            "An area of the implementation plan refers to a dialogue project that does not exist",
        ),
        Text(
            "Genomförandeplanen anger för varje dialogområde vilka dialogprojekt som "
            "genomför det (seed 002), och årets uppföljning sammanställs från dem. En "
            "hänvisning till ett projekt som inte finns är ett stavfel som lämnar området "
            "utan dialoger i uppföljningen.",
            "The implementation plan names, for each dialogue area, the dialogue projects "
            "that carry it out (seed 002), and the year's follow-up is compiled from them. "
            "A reference to a project that does not exist is a typo that leaves the area "
            "without dialogues in the follow-up.",
        ),
        Text(
            "areas:\n  - id: nara-vard\n    projects: [testprojekt, nara-vrad]   # inget "
            "sådant projekt\n",
            "areas:\n  - id: nara-vard\n    projects: [testprojekt, nara-vrad]   # no such "
            "project\n",
        ),
        Text(
            "Lägg projektets fil i samma arbetsyta, eller rätta id:t under projects:.",
            "Put the project's file in the same workspace, or correct the id under projects:.",
        ),
    ),
    Entry(
        "DK232",
        WARNING,
        "project-differs-from-area",
        Text(
            "Ett projekt har en annan metod eller ett annat steg på delaktighetstrappan än "
            "sitt område",
            "A project has another method or another rung on the participation ladder than "
            "its area",
        ),
        Text(
            "Nämnden väljer i genomförandeplanen metod och steg på delaktighetstrappan för "
            "varje område utifrån syfte och målgrupper (seed 002). Ett projekt som lovar "
            "invånarna något annat, t.ex. inflytande där planen sa konsultation, behöver ett "
            "skäl som nämnden kan ta ställning till.",
            "In the implementation plan the committee chooses a method and a rung on the "
            "participation ladder for each area from its purpose and target groups (seed "
            "002). A project that promises the residents something else, such as influence "
            "where the plan said consultation, needs a reason the committee can weigh.",
        ),
        Text(
            "areas:\n  - id: nara-vard\n    rung: consultation   # projektet har dialogue\n",
            "areas:\n  - id: nara-vard\n    rung: consultation   # the project has dialogue\n",
        ),
        Text(
            "Låt projektet och området ha samma metod och steg, eller skriv varför de "
            "skiljer sig under deviation_reason: i projektet.",
            "Give the project and the area the same method and rung, or write why they "
            "differ under deviation_reason: in the project.",
        ),
    ),
    Entry(
        "DK233",
        WARNING,
        "area-without-project",
        Text(
            "Ett område har inget dialogprojekt fast dess period har börjat",
            "An area has no dialogue project although its period has begun",
        ),
        Text(
            "Ett dialogområde i årets genomförandeplan genomförs av ett dialogprojekt "
            "(seed 002). Har perioden börjat utan att något projekt finns, blir området "
            "inte av, eller så står projektet inte i planen. Ett inställt område skrivs "
            "status: cancelled med skälet under note:, så att nämnden ser det.",
            "A dialogue area in the year's implementation plan is carried out by a "
            "dialogue project (seed 002). When its period has begun with no project, the "
            "area will not happen, or the project is missing from the plan. A cancelled "
            "area is written status: cancelled with the reason under note:, so that the "
            "committee sees it.",
        ),
        Text(
            "areas:\n  - id: enkat\n    period: 2021-09..2021-10\n    projects: []   "
            "# inget projekt\n",
            "areas:\n  - id: survey\n    period: 2021-09..2021-10\n    projects: []   "
            "# no project\n",
        ),
        Text(
            "Lägg till projektets id under projects:, eller skriv status: cancelled och "
            "varför under note:.",
            "Add the project's id under projects:, or write status: cancelled and why under note:.",
        ),
    ),
    Entry(
        "DK234",
        ERROR,
        "unknown-implementation-plan",
        Text(
            "Ett dialogprojekt hänvisar till en genomförandeplan som inte finns",
            "A dialogue project refers to an implementation plan that does not exist",
        ),
        Text(
            "Ett projekt som säger vilken genomförandeplan det genomför kommer med i "
            "planens årliga uppföljning. Finns planen inte bland planerna, är id:t "
            "felstavat eller planens fil saknas, och projektet faller ur uppföljningen.",
            "A project that says which implementation plan it carries out is part of the "
            "plan's yearly follow-up. When the plan is not among the plans, the id is "
            "misspelt or the plan's file is missing, and the project drops out of the "
            "follow-up.",
        ),
        Text(
            "implementation_plan: genomforandeplan-2012   # ingen sådan plan\n",
            "implementation_plan: implementation-plan-2012   # no such plan\n",
        ),
        Text(
            "Lägg genomförandeplanens fil i samma arbetsyta, eller rätta id:t i "
            "implementation_plan:.",
            "Put the implementation plan's file in the same workspace, or correct the id in "
            "implementation_plan:.",
        ),
    ),
    Entry(
        "DK235",
        WARNING,
        "one-sided-link",
        Text(
            "Projektet och genomförandeplanen hänvisar inte till varandra",
            "The project and the implementation plan do not refer to each other",
        ),
        Text(
            "Länken mellan ett projekt och genomförandeplanen skrivs på två ställen: i "
            "planens område (projects:) och i projektet (implementation_plan:). Står den "
            "bara på det ena stället, pekar projektet på en annan plan, eller står "
            "projektet i två planer, är det oklart vilket område projektet hör till, och "
            "uppföljningen per område blir fel.",
            "The link between a project and the implementation plan is written in two "
            "places: in the plan's area (projects:) and in the project "
            "(implementation_plan:). When it is written in only one of them, the project "
            "names another plan, or two plans list the project, it is unclear which area "
            "the project belongs to, and the follow-up per area comes out wrong.",
        ),
        Text(
            "implementation_plan: genomforandeplan   # inget område i planen har projektet\n",
            "implementation_plan: genomforandeplan   # no area of the plan has the project\n",
        ),
        Text(
            "Lägg till projektets id under projects: i rätt område, och låt projektets "
            "implementation_plan: ha planens id.",
            "Add the project's id under projects: in the right area, and give the "
            "project's implementation_plan: the plan's id.",
        ),
    ),
    # --- calendar awareness (DK236–DK238) ---
    Entry(
        "DK236",
        ERROR,
        "member-double-booked",
        Text(
            "En ledamot är med i två dialoger samtidigt",
            "A member is in two dialogues at the same time",
        ),
        Text(
            "Ingen kan leda två samtal på en gång: den ena dialogen står då utan ledamot, "
            "och invånarna möter färre förtroendevalda än utlovat. Inom ett projekt jämförs "
            "ledamöternas id, mellan projekt som kontrolleras tillsammans deras namn (utan "
            "hänsyn till stora och små bokstäver). Inställda dialoger räknas inte.",
            "No one can lead two conversations at once: one dialogue is left without its "
            "member, and residents meet fewer elected representatives than promised. Within "
            "a project the members' ids are compared, between projects checked together "
            "their names (regardless of letter case). Cancelled dialogues do not count.",
        ),
        Text(
            'dialogues:\n  - {id: sala, date: 2021-04-13, start: "18:00", end: "20:00",\n'
            "     members: [anna, bo]}\n"
            '  - {id: koping, date: 2021-04-13, start: "19:00", end: "21:00",\n'
            "     members: [anna, cia]}   # anna är i Sala då\n",
            'dialogues:\n  - {id: sala, date: 2021-04-13, start: "18:00", end: "20:00",\n'
            "     members: [anna, bo]}\n"
            '  - {id: koping, date: 2021-04-13, start: "19:00", end: "21:00",\n'
            "     members: [anna, cia]}   # anna is in Sala then\n",
        ),
        Text(
            "Byt ledamot i den ena dialogen, eller flytta den till en annan tid.",
            "Put another member in one of the dialogues, or move it to another time.",
        ),
    ),
    Entry(
        "DK237",
        WARNING,
        "member-same-evening",
        Text(
            "En ledamot är med i dialoger i två kommuner samma dag",
            "A member is in dialogues in two municipalities on the same day",
        ),
        Text(
            "Två kvällsdialoger i olika kommuner samma dag hinner ingen med: resan, "
            "förberedelserna och samtalet efteråt tar kvällen. Tiderna krockar inte, så det "
            "är en varning: en ledamot kan ha en testdialog på dagen och en dialog på "
            "kvällen. Ledamöter jämförs som för DK236.",
            "No one manages two evening dialogues in different municipalities on the same "
            "day: the journey, the preparation and the talk afterwards take the evening. "
            "The times do not clash, so it is a warning: a member may have a test dialogue "
            "in the day and a dialogue in the evening. Members are compared as for DK236.",
        ),
        Text(
            "dialogues:\n  - {id: sala, municipality: Sala, date: 2021-04-13,\n"
            '     start: "15:00", end: "16:30", members: [anna, bo]}\n'
            "  - {id: koping, municipality: Köping, date: 2021-04-13,\n"
            '     start: "18:00", end: "20:00", members: [anna, cia]}\n',
            "dialogues:\n  - {id: sala, municipality: Sala, date: 2021-04-13,\n"
            '     start: "15:00", end: "16:30", members: [anna, bo]}\n'
            "  - {id: koping, municipality: Köping, date: 2021-04-13,\n"
            '     start: "18:00", end: "20:00", members: [anna, cia]}\n',
        ),
        Text(
            "Lägg dialogerna på olika dagar, eller låt en annan ledamot ta den ena.",
            "Put the dialogues on different days, or let another member take one of them.",
        ),
    ),
    Entry(
        "DK238",
        WARNING,
        "dialogue-in-blackout-period",
        Text(
            "En dialog ligger inom en spärrperiod i arbetsytan",
            "A dialogue falls within one of the workspace's blackout periods",
        ),
        Text(
            "Under sportlov, påsklov och höstlov är många barnfamiljer bortresta, under "
            "ramadan bryter många fastan på kvällen, och under en valrörelse kan en dialog "
            "uppfattas som partipolitik. Vilka perioder som ska ge en varning väljer "
            "regionen: de står som [[blackout]] i arbetsytans dialogkit.toml (dialogkit "
            "levererar inga). Testdialoger och inställda dialoger räknas inte.",
            "During the school holidays many families with children are away, during "
            "Ramadan many break their fast in the evening, and during an election campaign "
            "a dialogue may be taken for party politics. Which periods give a warning is the "
            "region's choice: they are [[blackout]] tables in the workspace's dialogkit.toml "
            "(dialogkit ships none). Test dialogues and cancelled ones do not count.",
        ),
        Text(
            '# i dialogkit.toml:\n#   [[blackout]]\n#   name = "Sportlov"\n'
            "#   start = 2021-02-22\n#   end = 2021-02-26\n"
            "dialogues:\n  - {id: sala, date: 2021-02-24}   # under sportlovet\n",
            '# in dialogkit.toml:\n#   [[blackout]]\n#   name = "Winter school holiday"\n'
            "#   start = 2021-02-22\n#   end = 2021-02-26\n"
            "dialogues:\n  - {id: sala, date: 2021-02-24}   # during the holiday\n",
        ),
        Text(
            "Flytta dialogen utanför perioden, eller behåll dagen om det är ett medvetet val.",
            "Move the dialogue out of the period, or keep the day if it is a deliberate choice.",
        ),
    ),
    # --- participation figures (DK239) ---
    Entry(
        "DK239",
        ERROR,
        "breakdown-exceeds-participants",
        Text(
            "Åldersgrupperna eller könen i en dialog är fler än dess deltagare",
            "A dialogue's age groups or genders add up to more than its participants",
        ),
        Text(
            "Antalen per åldersgrupp och per kön räknar samma deltagare som "
            "outcome.participants, var för sig: var och en kan sakna några som inte ville "
            "svara, men ingen kan ha fler. Fler än deltagarna är ett skrivfel, och rapporten "
            "skulle visa summor som inte går ihop (och kunna röja ett antal som ska döljas).",
            "The counts by age group and by gender count the same participants as "
            "outcome.participants, each on its own: either may miss some who did not want to "
            "answer, but neither can have more. More than the participants is a typo, and "
            "the report would show sums that do not add up (and could give away a count "
            "that is to be hidden).",
        ),
        Text(
            "dialogues:\n  - id: sala\n    status: held\n    outcome:\n"
            "      participants: 12\n"
            "      age_groups: {under 30: 4, 30–64: 6, 65 och äldre: 5}   # 15\n",
            "dialogues:\n  - id: sala\n    status: held\n    outcome:\n"
            "      participants: 12\n"
            "      age_groups: {under 30: 4, 30–64: 6, 65 and over: 5}   # 15\n",
        ),
        Text(
            "Rätta antalen så att varje uppdelning blir högst outcome.participants, eller "
            "rätta antalet deltagare.",
            "Correct the counts so that each breakdown is at most outcome.participants, or "
            "correct the number of participants.",
        ),
    ),
    Entry(
        "DK240",
        ERROR,
        "project-counted-twice",
        Text(
            "Ett dialogprojekt står två gånger i genomförandeplanen",
            "A dialogue project is listed twice in the implementation plan",
        ),
        Text(
            "Årets uppföljning räknar varje projekts dialoger och deltagare under det "
            "område som har projektet. Står projektet två gånger räknas allt två gånger.",
            "The year's follow-up counts each project's dialogues and participants under "
            "the area that lists the project. A project listed twice is counted twice.",
        ),
        Text(
            "areas:\n  - id: nara-vard\n    projects: [testprojekt, testprojekt]   # två gånger\n",
            "areas:\n  - id: nara-vard\n    projects: [testprojekt, testprojekt]   # twice\n",
        ),
        Text(
            "Låt projektet stå i ett enda område.",
            "List the project in one area only.",
        ),
    ),
    # --- municipality and region codes (DK241–DK242) ---
    Entry(
        "DK241",
        ERROR,
        "unknown-municipality-code",
        Text(
            "En kommun- eller regionkod finns inte",
            "A municipality or region code does not exist",
        ),
        Text(
            "Koden avgör vilken kommuns eller regions nyckeltal som hämtas från Kolada och "
            "visas i rapporterna. En kod som inte finns ger inga siffror, och ofta är det en "
            "siffra som bytt plats. Kommunerna har SCB:s fyrsiffriga kommunkoder (2029 "
            'Leksand), regionerna "00" och länskoden (0020 Region Dalarna), som i Kolada. '
            "Listan över Sveriges 290 kommuner och 21 regioner följer med dialogkit.",
            "The code decides which municipality's or region's key figures are fetched from "
            "Kolada and shown in the reports. A code that does not exist gives no figures, and "
            "often two digits have swapped places. Municipalities have SCB's four-digit codes "
            '(2029 Leksand), regions "00" and the county code (0020 Region Dalarna), as in '
            "Kolada. The list of Sweden's 290 municipalities and 21 regions ships with dialogkit.",
        ),
        Text(
            'municipality: Leksand\nmunicipality_code: "2092"   # Leksand har 2029\n',
            'municipality: Leksand\nmunicipality_code: "2092"   # Leksand has 2029\n',
        ),
        Text(
            "Skriv kommunens kod som tipset visar, eller slå upp den i SCB:s lista över "
            "kommunkoder.",
            "Write the municipality's code as the hint shows, or look it up in SCB's list of "
            "municipality codes.",
        ),
    ),
    Entry(
        "DK242",
        ERROR,
        "municipality-code-mismatch",
        Text(
            "Koden hör till en annan kommun än den som står bredvid",
            "The code belongs to another municipality than the one named beside it",
        ),
        Text(
            "Koden avgör vems nyckeltal som hämtas från Kolada, namnet vem rapporten säger att "
            "de gäller. Stämmer de inte överens visar rapporten en annan kommuns siffror under "
            "fel namn, så det är ett fel och inte en varning. Namnet jämförs utan hänsyn till "
            'stora och små bokstäver och mellanslag; "Leksands kommun" och "Region Gotland" '
            "godtas för Leksand och Gotland.",
            "The code decides whose key figures are fetched from Kolada, the name whom the "
            "report says they are for. If they disagree the report shows another "
            "municipality's figures under the wrong name, so it is an error, not a warning. "
            "The name is compared regardless of letter case and spaces; "
            '"Leksands kommun" and "Region Gotland" pass for Leksand and Gotland.',
        ),
        Text(
            'municipality: Leksand\nmunicipality_code: "2062"   # 2062 är Mora\n',
            'municipality: Leksand\nmunicipality_code: "2062"   # 2062 is Mora\n',
        ),
        Text(
            "Rätta koden till kommunens egen (tipset visar den), eller namnet om det är "
            "kommunen med koden som menas.",
            "Correct the code to the municipality's own (the hint shows it), or the name if "
            "the municipality with the code is meant.",
        ),
    ),
    Entry(
        "DK243",
        WARNING,
        "kolada-value-differs",
        Text(
            "Planens värde skiljer sig från Koladas för samma år",
            "The plan's value differs from Kolada's for the same year",
        ),
        Text(
            "Seed 004 följer varje lokal plan med nyckeltal som redan samlas i Kolada. "
            "Värdena i planen är användarens och skrivs aldrig över, men ett värde som "
            "inte stämmer med Kolada är ofta ett skrivfel eller ett äldre utfall som "
            "Kolada har rättat.",
            "Seed 004 follows each local plan with key figures that are already collected "
            "in Kolada. The plan's values are the user's and are never overwritten, but a "
            "value that does not match Kolada is often a typo or an older result that "
            "Kolada has corrected.",
        ),
        Text(
            'municipality_code: "2029"\nkey_figures:\n  - kolada_id: U21463\n'
            "    title: Helhetssyn\n    sub_goal: 1\n    values: {2023: 19}   # Kolada: 91\n",
            'municipality_code: "2029"\nkey_figures:\n  - kolada_id: U21463\n'
            "    title: Overall view\n    sub_goal: 1\n    values: {2023: 19}   # Kolada: 91\n",
        ),
        Text(
            "Jämför med Kolada och rätta planens värde, eller låt det stå om planens "
            "värde är det rätta (det ändras aldrig av dialogkit).",
            "Compare with Kolada and correct the plan's value, or leave it if the plan's "
            "value is the right one (dialogkit never changes it).",
        ),
    ),
    Entry(
        "DK244",
        WARNING,
        "kolada-value-revised",
        Text(
            "Kolada har ändrat ett värde sedan förra hämtningen",
            "Kolada has revised a value since the previous fetch",
        ),
        Text(
            "Kolada rättar ibland utfall i efterhand. En rapport som redan gått ut kan då "
            "visa ett annat värde än den nya; den som följer upp planen behöver veta det.",
            "Kolada sometimes corrects results afterwards. A report that has already gone "
            "out may then show another value than the new one; whoever follows up the "
            "plan needs to know.",
        ),
        Text(
            'municipality_code: "2029"\nkey_figures:\n  - kolada_id: U21463\n'
            "    title: Helhetssyn\n    sub_goal: 1   # Kolada 2022: 89 förra gången, nu 87\n",
            'municipality_code: "2029"\nkey_figures:\n  - kolada_id: U21463\n'
            "    title: Overall view\n    sub_goal: 1   # Kolada 2022: 89 last time, now 87\n",
        ),
        Text(
            "Kontrollera det nya värdet i Kolada och uppdatera planens värde och "
            "tidigare rapporter om det behövs. Varningen försvinner vid nästa hämtning.",
            "Check the new value in Kolada and update the plan's value and earlier "
            "reports if needed. The warning goes away with the next fetch.",
        ),
    ),
    Entry(
        "DK245",
        WARNING,
        "kolada-kpi-missing",
        Text("Kolada har inte nyckeltalet", "Kolada does not have the key figure"),
        Text(
            "Kolada tar ibland bort eller byter id på ett nyckeltal. Då kan planen inte "
            "följas upp med det, och rapporten saknar Koladas värden.",
            "Kolada sometimes removes a key figure or changes its id. The plan can then "
            "not be followed up with it, and the report lacks Kolada's values.",
        ),
        Text(
            'municipality_code: "2029"\nkey_figures:\n'
            "  - kolada_id: U99999   # finns inte i Kolada\n"
            "    title: Helhetssyn\n    sub_goal: 1\n",
            'municipality_code: "2029"\nkey_figures:\n'
            "  - kolada_id: U99999   # not in Kolada\n    title: Overall view\n    sub_goal: 1\n",
        ),
        Text(
            "Sök nyckeltalet på kolada.se och rätta kolada_id, eller välj ett annat "
            "nyckeltal för delmålet.",
            "Search for the key figure on kolada.se and correct kolada_id, or choose "
            "another key figure for the sub-goal.",
        ),
    ),
    Entry(
        "DK246",
        NOTE,
        "kolada-not-fetched",
        Text(
            "Nyckeltalet har inga hämtade värden från Kolada",
            "The key figure has no values fetched from Kolada",
        ),
        Text(
            "Rapporten visar Koladas värden för kommunen, länet och riket bara när de är "
            "hämtade. Ett nyckeltal som lagts till efter senaste hämtningen saknar dem.",
            "The report shows Kolada's values for the municipality, the region and the "
            "country only once they are fetched. A key figure added after the last fetch "
            "lacks them.",
        ),
        Text(
            'municipality_code: "2029"\nkey_figures:\n'
            "  - kolada_id: N00945   # nytt sedan senaste hämtningen\n"
            "    title: Vårdtillfällen\n    sub_goal: 1\n",
            'municipality_code: "2029"\nkey_figures:\n'
            "  - kolada_id: N00945   # new since the last fetch\n"
            "    title: Hospital stays\n    sub_goal: 1\n",
        ),
        Text(
            "Kör dialogkit keyfigures fetch.",
            "Run dialogkit keyfigures fetch.",
        ),
    ),
)

BY_CODE: dict[str, Entry] = {entry.code: entry for entry in ENTRIES}

SEVERITY_WORDS = {
    "sv": {ERROR: "fel", WARNING: "varning", NOTE: "notis"},
    "en": {ERROR: "error", WARNING: "warning", NOTE: "note"},
}


def severity(code: str) -> Severity:
    return BY_CODE[code].severity


def finding(
    code: str, message: Text, file: Path, *, hint: Text | None = None, **details
) -> Finding:
    """A finding of `code` with the catalogue's severity, its message and hint in
    Swedish and English; `details` are `Finding`'s other fields (line, col, path,
    where, language)."""
    english = (message.en, hint.en if hint else None)
    return Finding(
        code,
        BY_CODE[code].severity,
        message.sv,
        file,
        hint=hint and hint.sv,
        english=english,
        **details,
    )


def lookup(query: str) -> Entry:
    """The entry for a code (`DK201`, `dk201`, `201`) or a name (`too-few-members`);
    otherwise a `UsageError` naming the closest codes."""
    import difflib

    wanted = query.strip()
    code = wanted.upper() if wanted.upper().startswith("DK") else f"DK{wanted}"
    if code in BY_CODE:
        return BY_CODE[code]
    by_name = {entry.name: entry for entry in ENTRIES}
    if wanted.lower() in by_name:
        return by_name[wanted.lower()]
    close = difflib.get_close_matches(code, BY_CODE, n=3, cutoff=0.6)
    close += [by_name[n].code for n in difflib.get_close_matches(wanted.lower(), by_name, n=3)]
    close = list(dict.fromkeys(close))
    hint = f"Menade du {_either(close, 'eller')}? " if close else ""
    hint_en = f"Did you mean {_either(close, 'or')}? " if close else ""
    raise UsageError(
        f"Koden '{query}' finns inte.",
        hint=hint + "Alla koder: dialogkit explain --list",
        english=(f"There is no code '{query}'.", hint_en + "All codes: dialogkit explain --list"),
    )


def _either(codes: list[str], word: str) -> str:
    return f" {word} ".join(filter(None, [", ".join(codes[:-1]), codes[-1]]))
