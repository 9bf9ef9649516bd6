"""Rules and the checks that apply them (see catalogue.py for the list, runner.py to run them)."""
