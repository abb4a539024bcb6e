"""E-mail goes through the outbox: written with the action, sent by the worker, never lost."""

import dataclasses

from meedoen.mail import outbox
from meedoen.mail.sender import parse_smtp_url, send_due_mail
from meedoen.mail.tables import OutgoingMail
from meedoen.mail.templates import render_mail
from support.auth import make_account, post_form


async def test_mail_waits_in_the_outbox_while_the_mail_server_is_down(
    client, clean_database, mailbox, settings, clock
):
    account = await make_account("resident")
    await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    down = dataclasses.replace(settings, smtp_url="smtp://127.0.0.1:9")

    await send_due_mail(down)

    row = await OutgoingMail.select().first().run()
    assert row["sent_at"] is None
    assert row["attempts"] == 1
    assert row["last_error"]
    assert row["next_attempt_at"] > outbox.utcnow()  # backs off before the next try

    await clean_backoff()
    mail = await mailbox.wait_for(account.email)
    assert "/wachtwoord-herstellen/" in mail.text
    row = await OutgoingMail.select().first().run()
    assert row["sent_at"] is not None
    # The link is not kept once the mail is out.
    assert row["text_body"] == "" and row["html_body"] == ""


async def clean_backoff():
    await OutgoingMail.update({OutgoingMail.next_attempt_at: outbox.utcnow()}, force=True).run()


async def test_mail_is_rolled_back_with_the_action(clean_database):
    from meedoen.db import current_engine

    try:
        async with current_engine().transaction():
            await outbox.queue_mail(
                "iemand@meedoen-test.nl",
                "email_changed",
                {"name": "X", "new_email": "y@z.nl"},
                "nl",
            )
            raise RuntimeError("the action failed")
    except RuntimeError:
        pass

    assert await OutgoingMail.count() == 0


async def test_without_smtp_url_outside_production_mail_goes_to_the_log(
    clean_database, settings, caplog
):
    await outbox.queue_mail(
        "iemand@meedoen-test.nl", "email_changed", {"name": "Sanne", "new_email": "y@z.nl"}, "nl"
    )

    with caplog.at_level("INFO", logger="meedoen.mail.sender"):
        assert await send_due_mail(dataclasses.replace(settings, smtp_url=None)) == 1

    assert "iemand@meedoen-test.nl" in caplog.text
    assert (await OutgoingMail.select().first().run())["sent_at"] is not None


async def test_without_smtp_url_in_production_mail_waits(clean_database, settings):
    await outbox.queue_mail(
        "iemand@meedoen-test.nl", "email_changed", {"name": "Sanne", "new_email": "y@z.nl"}, "nl"
    )

    production = dataclasses.replace(settings, smtp_url=None, environment="production")
    assert await send_due_mail(production) == 0
    assert await outbox.waiting_count() == 1


async def test_mails_have_plain_text_and_html_in_the_recipients_language(clean_database, mailbox):
    await outbox.queue_mail(
        "en@meedoen-test.nl",
        "reset_password",
        {"name": "Sam & Co", "link": "https://x.example/a?b=1&c=2"},
        "en",
    )

    mail = await mailbox.wait_for("en@meedoen-test.nl")

    assert mail.subject == "Choose a new password for Meedoen West"
    assert "Hi Sam & Co," in mail.text
    assert "Hi Sam &amp; Co," in mail.html
    assert 'href="https://x.example/a?b=1&amp;c=2"' in mail.html
    assert mail.message["Auto-Submitted"] == "auto-generated"


def test_every_mail_renders_in_dutch_and_english():
    contexts = {
        "verify_email": {"name": "A", "link": "L"},
        "reset_password": {"name": "A", "link": "L"},
        "confirm_email_change": {"name": "A", "link": "L"},
        "email_changed": {"name": "A", "new_email": "E"},
        "already_registered": {"name": "A", "sign_in_url": "S", "reset_url": "R"},
    }
    for name, context in contexts.items():
        dutch = render_mail(name, context, "nl")
        english = render_mail(name, context, "en")
        assert dutch.subject and english.subject and dutch.subject != english.subject, name
        assert dutch.text != english.text and dutch.html != english.html, name


def test_smtp_urls_with_and_without_tls():
    plain = parse_smtp_url("smtp://user:p%40ss@mail.example.nl:587")
    tls = parse_smtp_url("smtps://mail.example.nl")

    assert (plain.hostname, plain.port, plain.use_tls, plain.username, plain.password) == (
        "mail.example.nl",
        587,
        False,
        "user",
        "p@ss",
    )
    assert (tls.port, tls.use_tls, tls.username) == (465, True, None)
