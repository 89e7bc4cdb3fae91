"""Storage: SQL tables, the repository that maps them to domain objects, migrations."""
