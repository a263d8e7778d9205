"""govkg: Chinese local-government gazettes -> a knowledge graph of people, posts, bodies,
leading groups, tasks and responsibilities, with provenance to document and line."""

__version__ = "0.1.0"
