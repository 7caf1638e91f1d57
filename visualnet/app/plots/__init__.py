"""Live plots: each is a widget that draws from training snapshots, one per dock."""
