"""Meetings: Doen-beurzen (fairs with stands), open days, company visits, taster days,
information meetings and workshops — from finding and signing up to the contacts made
at a stand and the placements that followed."""
