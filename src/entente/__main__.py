"""``python -m entente`` runs the command line."""

from entente.cli import main

main()
