"""MLOps Proposal Editor: write an MLOps project proposal that follows the course guide."""

__version__ = "0.1.0"
