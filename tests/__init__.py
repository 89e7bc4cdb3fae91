"""catimeline's tests."""
