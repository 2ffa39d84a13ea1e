"""Web and e-mail addresses at a line break: whether the break cuts one (which
then takes no space, and whose hyphens are its own), for `papercli.steps.joints`.

An address holds no space, so a break inside one joins with none; a hyphen at a
line end inside one is the address's, never a word's cut. Every test reads only a
bounded tail of the line (`MAX_ADDRESS`), so a long ASCII line costs no more than
a short one.
"""

from __future__ import annotations

import re

# The longest web or e-mail address `cuts_address` looks back over.
MAX_ADDRESS = 256


def cuts_address(left: str, right: str) -> bool:
    """Does the break fall after a dot inside a web or e-mail address
    (`foo@example.` + `com`, `http://www.` + `example.com`), inside an e-mail
    address's domain before its first dot (`foo@exam` + `ple.com`), or anywhere in
    a web address whose rest the next line shows (`https://www.exam` +
    `ple.cn/news`)? An address
    holds no space; after a sentence's full stop the next word is no lower-case
    continuation, and a domain holds a dot, which the line's piece lacks.

    >>> cuts_address("mail foo@example.", "com"), cuts_address("see example.", "com")
    (True, False)
    >>> cuts_address("기자 lee@exampl", "e.co.kr"), cuts_address("mail foo@example.com", "now")
    (True, False)
    """
    dot = left[-1] == "."
    # Most Latin breaks are between words: no dot before, and no `@` or `/` (a web
    # address's) in the line.
    if not right[0].isascii() or not (
        dot or (right[0].isalnum() and ("@" in left or "/" in left or "www." in left))
    ):
        return False
    token = trailing_token(left)
    if not dot and "@" not in token:
        return is_web_address(token) and continues_address(right)
    if not dot:
        at = token.rfind("@")
        return at > 0 and "." not in token[at:] and DOMAIN_REST.match(right) is not None
    if not (right[0].islower() or right[0].isdigit()):
        return False
    return "@" in token or "://" in token or token[:4].lower() == "www."


def trailing_token(left: str) -> str:
    """The printable ASCII that ends the line: an address, if there is one there
    (bounded: an address never runs that long, so a long ASCII line costs no more
    than a short one)."""
    tail = left[-MAX_ADDRESS:]
    start = len(tail)
    while start and "!" <= tail[start - 1] <= "~":
        start -= 1
    return tail[start:]


# A line opening on the rest of an e-mail address (`work@example.com`).
OPENS_ON_MAIL = re.compile(r"[!-~]*@")


def in_address(left: str) -> bool:
    """Does the line end inside a web or e-mail address?

    >>> in_address("官网www.sun-"), in_address("a well-")
    (True, False)
    """
    token = trailing_token(left)
    return "@" in token or is_web_address(token)


def is_web_address(token: str) -> bool:
    """Does the token open on a web address's scheme or `www.`?

    >>> is_web_address("https://www.example-w"), is_web_address("and/or")
    (True, False)
    """
    return "://" in token[:12] or token[:4].lower() == "www."


# The rest of a web address cut anywhere, up to white space or CJK: a piece that
# holds a dot, slash or query mark before its last character (`aic.cn/forum`);
# an English word after an address holds none.
ADDRESS_REST = re.compile(r"[A-Za-z0-9_~%-]*[./?#=&][A-Za-z0-9_~%=&#/-]")


def continues_address(right: str) -> bool:
    """Does the next line open on the rest of a web address cut by the column?

    >>> continues_address("aic.cn/forum 查看"), continues_address("and more")
    (True, False)
    """
    return ADDRESS_REST.match(right) is not None


# The rest of a domain after a break: letters and digits up to a dot and a
# top-level domain, and no more of the word (`ple.com`, `e.co.kr`).
DOMAIN_REST = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9@-])")
