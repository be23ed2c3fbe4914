"""What page furniture looks like: the patterns and checks the line rules are made of.

Each check reads one line and says what it is, or nothing. They describe
kinds of furniture (a row of share buttons, a sign-up box, a dateline on its
own), never a particular outlet. `newsweave.clean.rules` orders them into a
cascade and says how far each one's verdict reaches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from newsweave.clean.quotation import unquoted
from newsweave.vocabulary import MetaField, Reason, Role


class Rule(StrEnum):
    """The name of a rule that decided a line: the line rules of `rules.RULES`, and the
    two verdicts the document passes give (`shape.Roles`)."""

    COPYRIGHT = "copyright"
    AD = "ad"
    READ_TIME = "read-time"
    SHARE = "share"
    COMMENTS = "comments"
    COOKIE = "cookie"
    COOKIE_BUTTONS = "cookie-buttons"
    PAYWALL = "paywall"
    RELATED_HEADER = "related-header"
    RELATED_PREFIX = "related-prefix"
    TAGS_HEADER = "tags-header"
    TAGS_INLINE = "tags-inline"
    NAV = "nav"
    MENU = "menu"
    STATED_DATE = "stated-date"
    DATELINE = "dateline"
    BYLINE = "byline"
    CREDIT_LINE = "credit-line"
    EDITOR_NOTE = "editor-note"
    DONATION = "donation"
    NEWSLETTER = "newsletter"
    PROMO = "promo"
    CREDIT = "credit"
    CAPTION = "caption"
    LABELLED_CAPTION = "labelled-caption"
    KICKER = "kicker"
    SIGNATURE = "signature"
    READER_ADDRESS = "reader-address"
    SITE_BOILERPLATE = "site-boilerplate"  # a line the site prints on its other pages (`corpus.py`)
    CAPTION_ABOVE_CREDIT = "caption-above-credit"  # the line right above a photo credit


@dataclass(frozen=True)
class Verdict:
    """What a rule says about a line. `firm`: it holds wherever the line stands
    (False only for `EDGE_CUES`, which count at a document's head and tail)."""

    role: Role
    label: Reason | MetaField  # noise reason or meta field
    firm: bool = True
    rule: Rule | None = None  # the rule that decided


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


COPYRIGHT = _rx(r"^\W*(©|\(c\)|copyright\s*(©|\(c\)|\d{4}|(?-i:[A-Z])))|all rights reserved")
AD = _rx(r"^[\W_]*(advertisement|advertising|sponsored( content)?|promoted|ad)[\W_]*$")
READ_TIME = _rx(r"^\W*(\d+\s*(-\s*)?(min|mins|minutes?)\s*(read|listen)|reading time\W+\d+\s*min\w*)\W*$")
_SHARE_ITEM = _rx(
    r"^(share( on \w+| this( article| story| page)?| via \w+)?|tweet|e-?mail( this( article| story)?)?"
    r"|print|facebook|twitter|x|whatsapp|linkedin|reddit|telegram|pinterest|copy link|save|like|love"
    r"|wow|haha|sad|angry|bookmark|save for later|gift (this )?article)( \(\d+\))?$"
    r"|^\d[\d,.]*k?\s+(reactions?|likes?|shares?)$|^[a-z]+!?\s*\(\d+\)$"
)
_ITEM_SEPARATOR = re.compile(r"\s{2,}|\s*[|·•/]\s*|\t")
_DATE_PART = (
    r"(\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?"
    r"|\w+\.? \d{1,2},? \d{4}|\d{1,2} \w+\.? \d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_STATED_DATE = _rx(
    rf"^\W*((date|published|updated|posted|last updated|first published)( on)?\s*[:：]?\s*)?"
    rf"((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? )?{_DATE_PART}[\w:. ,|•·()/-]{{0,30}}$"
)
_NAME = r"[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
_JOB = (
    r"(senior |chief |political |local democracy |staff |special |foreign |deputy )*"
    r"(reporter|correspondent|editor|writer|journalist|columnist|staff|desk)"
)
BYLINE = re.compile(
    rf"^\s*((by|By|BY|Words by|Reporting by|Additional reporting by)\s+{_NAME}"
    rf"(\s*(,|and|&|;)\s*(\w+ by )?{_NAME})*\s*[,|]?[\w ,|-]{{0,40}}"
    rf"|{_NAME},\s+([A-Z][a-z]+\s+){{0,3}}(?i:{_JOB})(\s+\w+){{0,3}})$"
)
CREDIT_LINE = _rx(
    r"^\W*(written|words|story|text|reporting|additional reporting|editing|edited|compiled|produced)"
    r" by\s+(?-i:[A-Z])[^.!?]{1,200}$"
)
_DONATION = _rx(
    r"\b(please (donate|give)|make a (donation|contribution|gift)|donate (now|today|to us)"
    r"|support (our|independent|quality|local|independent local) (\w+ )?journalism|your support"
    r"|become a (member|supporter|patron)|join (the|our) [\w' ]{0,30}community|for as little as"
    r"|help (us )?(support|fund|sustain) (our|this) (work|journalism)|put up a paywall"
    r"|consider supporting|relies on readers like you|support us|from (just|only) [£$€]\d"
    r"|small favou?r to ask|^\W*support (the|our) [\w' ]{1,40}\W*$)\b"
)
_NEWSLETTER = _rx(
    r"\b(sign(ing)? up (for|to|here|now)|sign up$|subscribe (to|now|today|for) (our|the)|in your inbox"
    r"|enter your email|get (our|the) [\w' ]{0,30}(email|newsletter)s?)\b"
)
_NEWSLETTER_NAME = _rx(r"\b(newsletters?|briefing|digest)\b")
PROMO = _rx(
    r"\b(download (the|our) [\w' ]{0,40}app|follow (us|[A-Z][\w ]{0,30}) on"
    r" (facebook|instagram|x|twitter|linkedin|tiktok|youtube|threads)|our podcast"
    r"|wherever you get your podcasts|listen to [\w' ]{0,40}podcast|get the app|install (the|our) app"
    r"|place an? [\w ]{0,20}notice|call (us )?(on )?\+?\d[\d ]{6,}|^\W*follow us\W*$"
    r"|do you have a story|got a story|(send|email) us (your )?(tips|stories|news)|\S+@\S+\.\w{2,}"
    r"|click here to (join|follow|subscribe|download|get)|join [\w' ]{0,40} on (whatsapp|telegram|facebook"
    r"|instagram|x|twitter|linkedin|youtube|google news))\b"
)
PAYWALL = _rx(
    r"\b((subscribe|sign in|log in|register) to (continue|keep) reading|available to subscribers"
    r"|for subscribers only|subscribers only|already a subscriber|unlock (this|the full) (article|story)"
    r"|subscribe (now |today )?(from|for) [£$€]\d"
    r"|this (article|story|content) is (only )?for (subscribers|members))"
)
COOKIE = _rx(
    r"\bcookies?\b.{0,80}\b(use|uses|using|accept|agree|agreeing|consent|partners|settings|policy"
    r"|preferences)\b"
    r"|\b(use|uses|accept|agree to our use) of cookies\b|\b(use|uses|using|accept|store|set)\s+cookies\b"
    r"|^\W*we value your privacy\W*$"
)
_COOKIE_BUTTONS = _rx(
    r"^\W*((accept|reject|allow|decline)( all| cookies| all cookies)?"
    r"|manage (options|preferences|settings|cookies)"
    r"|ok,? got it|i agree|privacy settings|more options|customi[sz]e)\W*$"
)
COMMENTS = _rx(
    r"^\W*(\d+\s+comments?|comments?( \(?\d+\)?)?|join the (conversation|discussion)|leave a comment"
    r"|comments are closed|(show|view|load more|view all|read) (\d+ )?comments|sort by\W.{0,20})\W*$"
    r"|·\s*\d+ (seconds?|minutes?|hours?|days?|weeks?) ago\W*$|^\W*reply\W+(·\s*)?\d+ likes?\W*$"
)
RELATED_HEADER = _rx(
    r"^\W*(related( articles| stories| news| content| coverage| posts)?|read more|more from [\w ]{1,30}"
    r"|more \w+( \w+)?|read next|up next|most (viewed|shared|commented)|also from [\w ]{1,30}"
    r"|recommended( for you| stories)?|recommendations?|you (may|might) also like|trending( now| stories)?"
    r"|most (read|popular|viewed)|popular( now| stories)?|ranking|more stories|more news|see also"
    r"|also read|top stories|latest( news| stories)?|editor'?s picks|don'?t miss)\W*$"
)
RELATED_PREFIX = _rx(r"^\W*(read more|also read|see also|related|watch|listen)\s*[:：|]\s*\S")
TAGS_HEADER = _rx(
    r"^\W*((tags?|topics?|in|filed under|categories|category|keywords)\s*[:：]\W*"
    r"|tags|topics|related topics|filed under|keywords)$"
)
TAGS_INLINE = _rx(r"^\W*(tags?|topics?|filed under|keywords)\s*[:：]\s*\w[\w ,&'-]*$")
NAV = _rx(
    r"(^|\s)(home|main)\s*(>|»|›|/)\s*\S|^\W*(current|you are here)\s*[:：]"
    r"|^\W*(menu|skip to (main )?content|search|log ?in|sign in|subscribe|register)\W*$"
)
_BREADCRUMB = re.compile(r"^\W*[A-Z][\w&' ]{0,25}(\s*[>»›]\s*[A-Z][\w&' ]{0,25}){1,5}\W*$")
_MENU_ITEM = re.compile(r"^[A-Z][a-z&']*( [A-Z&][a-z']*)?$")
CAPTION = _rx(
    r"\b(photo|photograph|image|picture|pictured|video|file photo|illustration)( credit)?\s*[:：]\s*\S"
    r"|\((photo|image|file photo)\b|\bin this (photo|picture|image)\b|\bphotos?\s+released by\b"
    r"|\|\s*(?-i:[A-Z])[\w.&'’ -]{1,30}\s(photos?|images?|pictures?)\s*$"
    r"|\((?-i:[A-Z])[\w .'’&-]{1,40}(/|: )(?-i:[A-Z])[\w .'’&-]{1,40}\)\s*$"
)
CREDIT = re.compile(
    r"^\W*(\(?[A-Z][\w .'’&-]{1,40}/[A-Z][\w .'’&-]{1,40}\)?"
    r"|\([A-Z][\w .'’&-]{1,40}: [A-Z][\w .'’&-]{1,40}\))\W*$"
)
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|my|we|We|we're|We're|we’re|We’re|our|Our|us)\b")
_SINGULAR = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|my|me)\b")
_PLURAL = re.compile(r"\b(we|We|we're|We're|we’re|We’re|our|Our|us)\b")
_SECOND_PERSON = _rx(r"\b(you|your|you've|you’ve|you're|you’re)\b")
_SIGNATURE = re.compile(r"^\s*[~–—-]\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s*,")
_THANKS = _rx(r"^\W*(thank you|thanks( for reading)?|sincerely|regards)\W*$")


def reader_address(text: str) -> Verdict | None:
    """First- or second-person voice outside quotes: an outlet talking to its readers."""
    own = unquoted(text)
    if _FIRST_PERSON.search(own) or _SECOND_PERSON.search(own):
        return Verdict(Role.NOISE, Reason.PROMO)
    return None


def signature(text: str) -> Verdict | None:
    if _SIGNATURE.search(text) or _THANKS.search(text):
        return Verdict(Role.NOISE, Reason.PROMO)
    return None


_DATE_PIECES = _rx(
    r"\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?(\s+\d{4})?"
    r"|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?(\s+\d{4})?"
    r"|\b\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b"
    r"|\b\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?\s*)?(GMT|UTC|BST|CET|EST|EDT|PST|PDT|IST|AEST|AEDT)\b"
)
_DATE_FILLER = _rx(
    r"\b\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?|\b\d{4}\b"
    r"|\b(GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|AEST|AEDT|JST|HKT|SGT)([+-]\d{1,2})?\b"
    r"|\b(date|dated|published|updated|posted|last|first|modified|on|at|am|pm|edited|today|yesterday)\b"
    r"|\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|urday)?\b\.?"
)


def stated_date_line(text: str) -> Verdict | None:
    """A line that is a date and little else (a place at most), in any common format.

    The date pieces, times, time zones and words such as "Updated" are taken
    out; if at most one word is left, the line states a date.
    """
    if not _DATE_PIECES.search(text) and not _STATED_DATE.search(text):
        return None
    rest = _DATE_FILLER.sub(" ", _DATE_PIECES.sub(" ", text))
    leftover = [w for w in re.split(r"[\s|•·,:;()/+-]+", rest) if any(c.isalnum() for c in w)]
    return Verdict(Role.META, MetaField.DATE) if len(leftover) <= 1 else None


def share_bar(text: str) -> Verdict | None:
    """A row of share buttons or reaction counters, and nothing else."""
    items = [item for item in _ITEM_SEPARATOR.split(text.strip(" \t-–—")) if item]
    if items and all(_SHARE_ITEM.search(item.strip()) for item in items):
        return Verdict(Role.NOISE, Reason.SHARE)
    return None


_LABELLED = re.compile(r"^[A-Z][a-z]{2,12}: (?:[A-Z]|the )")


def labelled_caption(text: str) -> Verdict | None:
    """A tabloid caption: "Lucky: Jane Roe, 54, with her ticket" (a label, a colon, no full stop)."""
    n = len(text.split())
    ends_open = not text.rstrip().endswith((".", "!", "?", '"', "”", "'", "’"))
    return (
        Verdict(Role.NOISE, Reason.CAPTION) if _LABELLED.match(text) and ends_open and 5 <= n <= 30 else None
    )


def cookie_buttons(text: str) -> Verdict | None:
    """A row of consent buttons ("Accept all | Manage options")."""
    items = [item for item in _ITEM_SEPARATOR.split(text.strip()) if item]
    if items and all(_COOKIE_BUTTONS.search(item) for item in items):
        return Verdict(Role.NOISE, Reason.COOKIE)
    return None


def menu(text: str) -> Verdict | None:
    """Site navigation: a breadcrumb, or a row of three or more section names."""
    if _BREADCRUMB.search(text):
        return Verdict(Role.NOISE, Reason.NAV)
    items = [item for item in re.split(r"\s{2,}|\s*\|\s*|\t", text.strip()) if item]
    if len(items) >= 3 and all(_MENU_ITEM.match(item) for item in items):
        return Verdict(Role.NOISE, Reason.NAV)
    return None


def newsletter(text: str) -> Verdict | None:
    """A sign-up call, or a newsletter box: a short line naming one, or one talking to the reader."""
    own = unquoted(text)
    if _NEWSLETTER.search(own) and len(text.split()) <= 30:
        return Verdict(Role.NOISE, Reason.NEWSLETTER)
    if _NEWSLETTER_NAME.search(own) and (len(text.split()) <= 5 or _SECOND_PERSON.search(own)):
        return Verdict(Role.NOISE, Reason.NEWSLETTER)
    return None


# A paragraph of news runs one to three sentences, seldom past 60 words (wire
# style keeps most to one or two sentences, about 35 words); furniture (a
# sign-up box, a promo, a caption) is written to be taken in at a glance and
# is shorter still. A line of at least 80 words in at least three sentences is
# therefore several paragraphs run together: article text, whatever cue it has.
PARAGRAPH_WORDS = 80
PARAGRAPH_SENTENCES = 3
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\]'’\"”])[.!?…]+['’\"”)\]]*(?=\s+[\"“‘'`(]*[A-Z0-9]|\s*$)")
_SENTENCE_SPLIT = re.compile(r"(?<=[a-z0-9%)\]'’\"”][.!?])['’\"”)\]]*\s+(?=[\"“‘'`(]*[A-Z0-9])")


def sentence_count(text: str) -> int:
    """Sentence ends in `text` (a stop after a lower-case word, before a capital or the end)."""
    return len(_SENTENCE_END.findall(text))


def longer_than_paragraph(text: str) -> bool:
    """At least `PARAGRAPH_WORDS` words in at least `PARAGRAPH_SENTENCES` sentences."""
    return len(text.split()) >= PARAGRAPH_WORDS and sentence_count(text) >= PARAGRAPH_SENTENCES


def donation(text: str) -> Verdict | None:
    """An appeal for money or membership, outside quotations.

    On a line longer than a paragraph, an appeal phrase is only a plea when the
    plea is the line's whole content: more than half of its sentences ask or
    speak to the reader. A story that reports a charity's appeal does not.
    """
    own = unquoted(text)
    if not _DONATION.search(own):
        return None
    if longer_than_paragraph(text):
        sentences = [s for s in _SENTENCE_SPLIT.split(own) if s.strip()]
        pleading = [s for s in sentences if any(p.search(s) for p in (_DONATION, _PLURAL, _SECOND_PERSON))]
        if 2 * len(pleading) <= len(sentences):
            return None
    return Verdict(Role.NOISE, Reason.DONATION)


_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
_REGION = rf"(?:, (?!{_MONTH} \d)[A-Z][A-Za-z.]+(?: [A-Z][a-z.]+)?)*"
# "WASHINGTON (Agency) --", "PORTVILLE, Ore. (Agency) _", "BEIJING, March 3 (Agency) --", "MOSCOW —":
# a place in capitals, maybe its region, maybe a date, maybe an agency, then a dash
# (two hyphens, one, an en or em dash, or the underscore some wires type for one).
DATELINE = re.compile(
    rf"^({_PLACE}{_REGION})(?:,? {_MONTH} \d{{1,2}}(?:, \d{{4}})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:-{1,2}|[—–]{1,2}|_)(?=\s|$)"
)
EDITOR_NOTE = _rx(
    r"^\W*(editor'?s'? notes?|editors|eds|note to editors|attention editors|editor'?s'? advisory)\s*:"
)
_SLUG = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+){2,}$")


def dateline_only(text: str) -> Verdict | None:
    """A dateline on a line of its own ("WASHINGTON (Agency) --"); one opening a paragraph stays body."""
    match = DATELINE.match(text.strip())
    return (
        Verdict(Role.META, MetaField.DATELINE) if match and not text.strip()[match.end() :].strip() else None
    )


def kicker(text: str) -> Verdict | None:
    """A label in capitals on its own line: "ANALYSIS", "EXCLUSIVE:", a wire slug "BC-FLOOD-TOWN".

    Short capitals can also be an outlet's acronym ("AFP") or a headline, so
    the label must be a slug, end with a colon, or be one word of more than
    five letters; and it is only a cue (`EDGE_CUES`). Like a section name over
    the headline it is `nav`.
    """
    stripped = text.strip()
    parts = stripped.split()
    letters = [c for c in stripped if c.isalpha()]
    if not parts or len(parts) > 3 or not letters or not all(c.isupper() for c in letters):
        return None
    single_word = len(parts) == 1 and len(letters) > 5
    if _SLUG.match(stripped) or stripped.endswith(":") or single_word:
        return Verdict(Role.NOISE, Reason.NAV)
    return None


def first_person_singular_only(text: str) -> bool:
    """'I'/'my' outside quotes, but no 'we', 'our' or 'you': a columnist's voice, not an outlet's."""
    own = unquoted(text)
    return bool(_SINGULAR.search(own)) and not (_PLURAL.search(own) or _SECOND_PERSON.search(own))
