"""itareport: the Thai ITA integrity-and-transparency measures report, from YAML to Word."""

__version__ = "0.1.0"
