"""The home page leads to what helps someone find their way: the talent scan and the
programmes for young people; both links open for a visitor (the scan after signing in)."""

from __future__ import annotations


async def test_the_home_page_leads_to_the_talent_scan_and_the_programmes(
    client, database, signed_in_as
):
    home = (await client.get("/")).text
    assert 'href="/mijn/talentscan"' in home and 'href="/programmas"' in home

    assert (await client.get("/programmas")).status_code == 200
    scan = await client.get("/mijn/talentscan")
    assert scan.status_code == 303 and "/inloggen" in scan.headers["location"]

    await signed_in_as("resident")
    assert (await client.get("/mijn/talentscan")).status_code == 200
