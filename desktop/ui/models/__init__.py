"""Qt table models and filter proxies over core objects."""
