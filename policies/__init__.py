"""The built-in policy pack."""
