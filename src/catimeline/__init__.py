"""catimeline."""
