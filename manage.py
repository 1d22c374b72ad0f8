#!/usr/bin/env python
"""Same as the `utblick` command, for tools that look for manage.py."""

from utblick.cli import main

if __name__ == "__main__":
    main()
