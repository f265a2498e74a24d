"""`cjm diff`: what changed in the customer's journey between two versions of the maps."""
