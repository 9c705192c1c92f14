"""The contract suite: runner, checks, and the generated client's offline and live halves."""
