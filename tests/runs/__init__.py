"""Runs as people and cron start them: verdicts, exit codes, locks, checks, schedules."""
