"""How many residents one account may see: the scraping budget (issue 14, finding 4)."""
