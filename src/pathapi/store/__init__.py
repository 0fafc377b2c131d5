"""Git content repositories and the immutable snapshots built from their commits."""
