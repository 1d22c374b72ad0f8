"""Utblick: Swedish municipalities' international work, run the way their own policy says."""
