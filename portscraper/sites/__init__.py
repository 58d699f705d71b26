"""What is known of each port group, as data: the registry (`registry`, one TOML file per group
in `groups/`), the defaults every group shares unless its file says otherwise (`defaults`:
section labels, article id parameters) and the table `portscraper sites` prints.

May import: the standard library only (and `portscraper.runs.verdict` for the table's words).
"""
