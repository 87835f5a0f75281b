"""QObject services: each owns one concern's state, its asyncio tasks and its signals."""
