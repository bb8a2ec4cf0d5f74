"""tradeaudit: audit published statistics for internal consistency."""

__version__ = "0.1.0"
