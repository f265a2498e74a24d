from __future__ import annotations

from cjm.cli import main

if __name__ == "__main__":
    main()
