from piccolo.columns import BigSerial, Date, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table


class OutgoingMail(Table):
    """An e-mail waiting to be sent (or sent: ``sent_at`` is set).

    Written in the same transaction as the action that causes it, so a mail is never
    lost and never sent for an action that was rolled back. The bodies are blanked once
    the mail is sent: they may hold a sign-in link that must not stay in the database.
    """

    id = BigSerial(primary_key=True)
    to_address = Varchar(length=254)
    subject = Varchar(length=300)
    text_body = Text(default="")
    html_body = Text(default="")
    # Extra headers as a JSON object, e.g. List-Unsubscribe on alert digests.
    headers = Text(default="")
    # Files sent with the mail as a JSON list of {filename, content_type, text}, e.g. the
    # .ics of a meeting with its reminder; blanked with the bodies once sent.
    attachments = Text(default="")
    language = Varchar(length=2, default="nl")
    created_at = Timestamptz()
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(index=True)
    claimed_by = Varchar(length=36, default="")
    sent_at = Timestamptz(null=True, default=None, index=True)
    last_error = Text(default="")
    # Over a mail limit (see ``mail.throttle``): kept, not sent, shown in /beheer/mail.
    parked_at = Timestamptz(null=True, default=None, index=True)
    parked_reason = Varchar(length=40, default="")


class MailCount(Table):
    """How many mails one sender or recipient caused on one day, counted atomically.

    ``key`` names what is counted and the day (``recipient:<hmac>:2026-12-07``); the
    database's unique index makes the increment one statement that two requests cannot
    both pass. Addresses are stored only as HMACs; rows of past days are purged.
    """

    id: Serial

    key = Varchar(length=120, unique=True)
    day = Date(index=True)
    mails = Integer(default=0)
