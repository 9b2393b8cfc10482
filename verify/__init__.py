"""`make verify`: the proofs too slow for every `make test` (reminders under
faults, load, the backup and restore drill), each printing its figure, each in
a database of its own (<DATABASE_URL's database>_verify)."""
