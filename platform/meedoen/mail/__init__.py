"""Outgoing e-mail: an outbox written in the sender's transaction, drained by a worker."""
