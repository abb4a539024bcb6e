"""The demo school shows something real: a coördinator, a class signed up for the
company visit on a business park (and one that came to a past visit), and companies with
stages for its levels."""

from __future__ import annotations

from support.auth import sign_in


async def test_the_demo_coordinator_sees_the_class_visit_and_stages(client, corpus):
    from meedoen.demo.seed import seed_demo
    from meedoen.events.tables import SignUp

    await seed_demo()
    await seed_demo()  # idempotent

    classes = await SignUp.select().where(SignUp.group_organisation.ref == "org-017")
    # 3B comes to the next visit; a class came to the past visit on Westerval (which the
    # insight view counts per school).
    assert sorted((c["group_name"], c["group_size"]) for c in classes) == [
        ("3B techniek", 16),
        ("Klas 3 techniek", 24),
    ]
    signed = await sign_in(client, "school@meedoen-west.example", "demo-school-west")
    assert signed.status_code == 303
    page = await client.get("/school")
    assert page.status_code == 200
    assert "3B techniek" in page.text and "Bedrijfsbezoek bij" in page.text
    assert "Er zijn nu geen open stages voor jullie niveau." not in page.text
