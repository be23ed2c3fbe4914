"""Alembic migrations of the store, shipped inside the package (see `newsweave.store.engine`)."""
