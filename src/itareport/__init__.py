"""itareport: the Thai ITA integrity-and-transparency measures report, from YAML to Word."""

__version__ = "0.1.0"
# The project's home (SARIF's informationUri; each code's helpUri is its README's table of codes,
# HOME_PAGE + "#codes"): one place, for a fork that publishes itareport under its own name.
HOME_PAGE = "https://github.com/YOUR-ORG/itareport"
