"""The floor for bench/tips.py: a bare Django app doing only what storing a tip must do."""
