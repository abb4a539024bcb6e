"""Participation goals for the district and the dashboards that show progress."""
