"""The annual report builder: the composition app's own package, since it joins
meetings, actions, reviews and funding (see models.py for the report's life)."""
