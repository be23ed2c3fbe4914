"""Line rules: an ordered cascade of small, named checks on one line.

Each rule looks at a single line and may return a `Verdict`. A *strong*
verdict holds wherever the line stands (a copyright notice is a copyright
notice). A *weak* verdict is only a cue: the layout pass accepts it at the
edges of a document (head, tail), where boilerplate collects, and ignores it
inside the article body. No rule names an outlet or quotes an article; they
describe kinds of page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsweave.models import META, NOISE


@dataclass(frozen=True)
class Verdict:
    role: str
    label: str  # noise reason or meta field
    strong: bool = True
    rule: str = ""  # name of the rule that decided


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_COPYRIGHT = _rx(r"^\W*(©|\(c\)|copyright\s*(©|\(c\)|\d{4}|(?-i:[A-Z])))|all rights reserved")
_AD = _rx(r"^[\W_]*(advertisement|advertising|sponsored( content)?|promoted|ad)[\W_]*$")
_READ_TIME = _rx(r"^\W*(\d+\s*(-\s*)?(min|mins|minutes?)\s*(read|listen)|reading time\W+\d+\s*min\w*)\W*$")
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
_BYLINE = re.compile(
    rf"^\s*((by|By|BY|Words by|Reporting by|Additional reporting by)\s+{_NAME}"
    rf"(\s*(,|and|&|;)\s*(\w+ by )?{_NAME})*\s*[,|]?[\w ,|-]{{0,40}}"
    rf"|{_NAME},\s+([A-Z][a-z]+\s+){{0,3}}(?i:{_JOB})(\s+\w+){{0,3}})$"
)
_CREDIT_LINE = _rx(
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
_PROMO = _rx(
    r"\b(download (the|our) [\w' ]{0,40}app|follow (us|[A-Z][\w ]{0,30}) on"
    r" (facebook|instagram|x|twitter|linkedin|tiktok|youtube|threads)|our podcast"
    r"|wherever you get your podcasts|listen to [\w' ]{0,40}podcast|get the app|install (the|our) app"
    r"|place an? [\w ]{0,20}notice|call (us )?(on )?\+?\d[\d ]{6,}|^\W*follow us\W*$"
    r"|do you have a story|got a story|(send|email) us (your )?(tips|stories|news)|\S+@\S+\.\w{2,}"
    r"|click here to (join|follow|subscribe|download|get)|join [\w' ]{0,40} on (whatsapp|telegram|facebook"
    r"|instagram|x|twitter|linkedin|youtube|google news))\b"
)
_PAYWALL = _rx(
    r"\b((subscribe|sign in|log in|register) to (continue|keep) reading|available to subscribers"
    r"|for subscribers only|subscribers only|already a subscriber|unlock (this|the full) (article|story)"
    r"|subscribe (now |today )?(from|for) [£$€]\d"
    r"|this (article|story|content) is (only )?for (subscribers|members))"
)
_COOKIE = _rx(
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
_COMMENTS = _rx(
    r"^\W*(\d+\s+comments?|comments?( \(?\d+\)?)?|join the (conversation|discussion)|leave a comment"
    r"|comments are closed|(show|view|load more|view all|read) (\d+ )?comments|sort by\W.{0,20})\W*$"
    r"|·\s*\d+ (seconds?|minutes?|hours?|days?|weeks?) ago\W*$|^\W*reply\W+(·\s*)?\d+ likes?\W*$"
)
_RELATED_HEADER = _rx(
    r"^\W*(related( articles| stories| news| content| coverage| posts)?|read more|more from [\w ]{1,30}"
    r"|more \w+( \w+)?|read next|up next|most (viewed|shared|commented)|also from [\w ]{1,30}"
    r"|recommended( for you| stories)?|recommendations?|you (may|might) also like|trending( now| stories)?"
    r"|most (read|popular|viewed)|popular( now| stories)?|ranking|more stories|more news|see also"
    r"|also read|top stories|latest( news| stories)?|editor'?s picks|don'?t miss)\W*$"
)
_RELATED_PREFIX = _rx(r"^\W*(read more|also read|see also|related|watch|listen)\s*[:：|]\s*\S")
_TAGS_HEADER = _rx(
    r"^\W*((tags?|topics?|in|filed under|categories|category|keywords)\s*[:：]\W*"
    r"|tags|topics|related topics|filed under|keywords)$"
)
_TAGS_INLINE = _rx(r"^\W*(tags?|topics?|filed under|keywords)\s*[:：]\s*\w[\w ,&'-]*$")
_NAV = _rx(
    r"(^|\s)(home|main)\s*(>|»|›|/)\s*\S|^\W*(current|you are here)\s*[:：]"
    r"|^\W*(menu|skip to (main )?content|search|log ?in|sign in|subscribe|register)\W*$"
)
_BREADCRUMB = re.compile(r"^\W*[A-Z][\w&' ]{0,25}(\s*[>»›]\s*[A-Z][\w&' ]{0,25}){1,5}\W*$")
_MENU_ITEM = re.compile(r"^[A-Z][a-z&']*( [A-Z&][a-z']*)?$")
_CAPTION = _rx(
    r"\b(photo|photograph|image|picture|pictured|video|file photo|illustration)( credit)?\s*[:：]\s*\S"
    r"|\((photo|image|file photo)\b|\bin this (photo|picture|image)\b|\bphotos?\s+released by\b"
    r"|\|\s*(?-i:[A-Z])[\w.&'’ -]{1,30}\s(photos?|images?|pictures?)\s*$"
    r"|\((?-i:[A-Z])[\w .'’&-]{1,40}(/|: )(?-i:[A-Z])[\w .'’&-]{1,40}\)\s*$"
)
_CREDIT = re.compile(
    r"^\W*(\(?[A-Z][\w .'’&-]{1,40}/[A-Z][\w .'’&-]{1,40}\)?"
    r"|\([A-Z][\w .'’&-]{1,40}: [A-Z][\w .'’&-]{1,40}\))\W*$"
)
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]|‘[^‘’]*’")
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|my|we|We|we're|We're|we’re|We’re|our|Our|us)\b")
_SINGULAR = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|my|me)\b")
_PLURAL = re.compile(r"\b(we|We|we're|We're|we’re|We’re|our|Our|us)\b")
_SECOND_PERSON = _rx(r"\b(you|your|you've|you’ve|you're|you’re)\b")
_SIGNATURE = re.compile(r"^\s*[~–—-]\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s*,")
_THANKS = _rx(r"^\W*(thank you|thanks( for reading)?|sincerely|regards)\W*$")


def _match(pattern: re.Pattern[str], verdict: Verdict) -> Callable[[str], Verdict | None]:
    def rule(text: str) -> Verdict | None:
        return verdict if pattern.search(text) else None

    return rule


def _unquoted(rule: Callable[[str], Verdict | None]) -> Callable[[str], Verdict | None]:
    """Apply `rule` to the words outside quotation marks: a quoted plea is reported speech."""

    def guarded(text: str) -> Verdict | None:
        return rule(_QUOTED.sub(" ", text))

    return guarded


def _short(rule: Callable[[str], Verdict | None], max_words: int) -> Callable[[str], Verdict | None]:
    """Apply `rule` only to short lines: long prose that mentions a newsletter is news."""

    def guarded(text: str) -> Verdict | None:
        return rule(text) if len(text.split()) <= max_words else None

    return guarded


def reader_address(text: str) -> Verdict | None:
    """First- or second-person voice outside quotes: an outlet talking to its readers."""
    unquoted = _QUOTED.sub(" ", text)
    if _FIRST_PERSON.search(unquoted) or _SECOND_PERSON.search(unquoted):
        return Verdict(NOISE, "promo", strong=False)
    return None


def signature(text: str) -> Verdict | None:
    if _SIGNATURE.search(text) or _THANKS.search(text):
        return Verdict(NOISE, "promo", strong=False)
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
    return Verdict(META, "date") if len(leftover) <= 1 else None


def share_bar(text: str) -> Verdict | None:
    """A row of share buttons or reaction counters, and nothing else."""
    items = [item for item in _ITEM_SEPARATOR.split(text.strip(" \t-–—")) if item]
    if items and all(_SHARE_ITEM.search(item.strip()) for item in items):
        return Verdict(NOISE, "share")
    return None


_LABELLED = re.compile(r"^[A-Z][a-z]{2,12}: (?:[A-Z]|the )")


def labelled_caption(text: str) -> Verdict | None:
    """A tabloid caption: "Lucky: Jane Roe, 54, with her ticket" (a label, a colon, no full stop)."""
    n = len(text.split())
    ends_open = not text.rstrip().endswith((".", "!", "?", '"', "”", "'", "’"))
    return Verdict(NOISE, "caption") if _LABELLED.match(text) and ends_open and 5 <= n <= 30 else None


def cookie_buttons(text: str) -> Verdict | None:
    """A row of consent buttons ("Accept all | Manage options")."""
    items = [item for item in _ITEM_SEPARATOR.split(text.strip()) if item]
    if items and all(_COOKIE_BUTTONS.search(item) for item in items):
        return Verdict(NOISE, "cookie")
    return None


def menu(text: str) -> Verdict | None:
    """Site navigation: a breadcrumb, or a row of three or more section names."""
    if _BREADCRUMB.search(text):
        return Verdict(NOISE, "nav")
    items = [item for item in re.split(r"\s{2,}|\s*\|\s*|\t", text.strip()) if item]
    if len(items) >= 3 and all(_MENU_ITEM.match(item) for item in items):
        return Verdict(NOISE, "nav")
    return None


def newsletter(text: str) -> Verdict | None:
    """A sign-up call, or a newsletter box: a short line naming one, or one talking to the reader."""
    unquoted = _QUOTED.sub(" ", text)
    if _NEWSLETTER.search(unquoted) and len(text.split()) <= 30:
        return Verdict(NOISE, "newsletter")
    if _NEWSLETTER_NAME.search(unquoted) and (len(text.split()) <= 5 or _SECOND_PERSON.search(unquoted)):
        return Verdict(NOISE, "newsletter")
    return None


RULES: tuple[tuple[str, Callable[[str], Verdict | None]], ...] = (
    ("copyright", _short(_match(_COPYRIGHT, Verdict(NOISE, "copyright")), 25)),
    ("ad", _match(_AD, Verdict(NOISE, "ad"))),
    ("read-time", _match(_READ_TIME, Verdict(NOISE, "read-time"))),
    ("share", share_bar),
    ("comments", _short(_match(_COMMENTS, Verdict(NOISE, "comments")), 12)),
    ("cookie", _short(_match(_COOKIE, Verdict(NOISE, "cookie")), 60)),
    ("cookie-buttons", cookie_buttons),
    ("paywall", _short(_match(_PAYWALL, Verdict(NOISE, "paywall")), 30)),
    ("related-header", _match(_RELATED_HEADER, Verdict(NOISE, "related-links"))),
    ("related-prefix", _short(_match(_RELATED_PREFIX, Verdict(NOISE, "related-links")), 30)),
    ("tags-header", _match(_TAGS_HEADER, Verdict(NOISE, "tags"))),
    ("tags-inline", _short(_match(_TAGS_INLINE, Verdict(NOISE, "tags")), 20)),
    ("nav", _short(_match(_NAV, Verdict(NOISE, "nav")), 40)),
    ("menu", _short(menu, 20)),
    ("stated-date", _short(stated_date_line, 16)),
    ("byline", _short(_match(_BYLINE, Verdict(META, "byline")), 14)),
    ("credit-line", _short(_match(_CREDIT_LINE, Verdict(META, "byline")), 40)),
    ("donation", _unquoted(_match(_DONATION, Verdict(NOISE, "donation")))),
    ("newsletter", newsletter),
    ("promo", _short(_unquoted(_match(_PROMO, Verdict(NOISE, "promo"))), 30)),
    ("credit", _short(_match(_CREDIT, Verdict(NOISE, "caption")), 8)),
    ("caption", _match(_CAPTION, Verdict(NOISE, "caption"))),
    ("labelled-caption", labelled_caption),
    ("signature", signature),
    ("reader-address", reader_address),
)


def judge(text: str) -> Verdict | None:
    """The first verdict of the cascade for one line, or None."""
    for name, rule in RULES:
        verdict = rule(text)
        if verdict is not None:
            return replace(verdict, rule=name)
    return None


def first_person_singular_only(text: str) -> bool:
    """'I'/'my' outside quotes, but no 'we', 'our' or 'you': a columnist's voice, not an outlet's."""
    unquoted = _QUOTED.sub(" ", text)
    return bool(_SINGULAR.search(unquoted)) and not (
        _PLURAL.search(unquoted) or _SECOND_PERSON.search(unquoted)
    )
