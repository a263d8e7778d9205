# Makefile fragment: in-process Neo4j 5.26 Community server for development and CI.
# Include from the top-level Makefile:   include tools/neo4j/neo4j.mk
# Targets: neo4j-build, neo4j-up, neo4j-down, neo4j-status. See tools/neo4j/README.md.

# directory of this fragment, captured at include time (works from any cwd)
NEO4J_TOOL_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

.PHONY: neo4j-build neo4j-up neo4j-down neo4j-status

neo4j-build:
	@bash "$(NEO4J_TOOL_DIR)/up.sh" --build

neo4j-up:
	@bash "$(NEO4J_TOOL_DIR)/up.sh"

neo4j-down:
	@bash "$(NEO4J_TOOL_DIR)/down.sh"

neo4j-status:
	@bash "$(NEO4J_TOOL_DIR)/up.sh" --status
