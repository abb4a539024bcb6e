"""Schools: stage- and talentcoördinatoren, class visits to companies."""
