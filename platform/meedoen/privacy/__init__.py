"""A resident's data across every domain (AVG): see it all, download it, delete it.

It reads and erases what each domain holds about one person, so it sits above the
domains it covers and none of them imports it.
"""
