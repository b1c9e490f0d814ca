#!/usr/bin/env bash
# Install and build everything the toolkit needs on this machine.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_java
setup_python
log "set-up done"
