from sre_docs.cli import main

raise SystemExit(main())
